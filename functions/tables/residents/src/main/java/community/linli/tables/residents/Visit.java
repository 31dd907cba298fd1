package community.linli.tables.residents;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A care visit as logged: when it took place, what the visitor noted, whether it raised a concern,
 * the key of its photo in the FilesBucket ({@code photoKey}, null without one) and the tracking
 * number of the request its concern filed ({@code requestId}, null when it filed none).
 */
public record Visit(String residentId, String visitId, LocalDate date, String note, boolean concern, String photoKey,
                    String requestId, String by, Instant at) {}
