package community.linli.tables.requests;

import java.time.Instant;
import java.util.List;

/** How a request was solved, as told to the resident (回复). */
public record Resolution(String text, List<String> photoKeys, String bySub, Instant at) {
    public Resolution {
        photoKeys = photoKeys == null ? List.of() : List.copyOf(photoKeys);
    }
}
