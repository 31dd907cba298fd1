package community.linli.notices;

import community.linli.platform.http.Check;
import community.linli.tables.notices.Audience;
import community.linli.tables.notices.AudienceKind;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whom a notice addresses, as a client sends it: {@code {"kind":"community"}},
 * {@code {"kind":"grids","gridIds":["G03","G04"]}} or {@code {"kind":"tag","tag":"elderly_alone"}}.
 * Whether the grids exist is checked against the directory afterwards, in {@link Notices}.
 */
record AudienceBody(String kind, List<String> gridIds, String tag) {
    static final int MAX_GRIDS = 50;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    AudienceBody {
        Check check = Check.of().required("kind", kind).oneOf("kind", kind, AudienceKind.wires());
        AudienceKind audience = AudienceKind.ofWire(kind);
        if (audience == AudienceKind.GRIDS) {
            check.required("gridIds", gridIds).maxItems("gridIds", gridIds, MAX_GRIDS).distinct("gridIds", gridIds);
            for (int i = 0; gridIds != null && i < gridIds.size(); i++) check.matches("gridIds[" + i + "]", gridIds.get(i), ID);
        } else if (gridIds != null) {
            check.add("gridIds", "requires", java.util.Map.of("field", "kind=grids"));
        }
        if (audience == AudienceKind.TAG) {
            check.required("tag", tag).matches("tag", tag, ID);
        } else if (tag != null) {
            check.add("tag", "requires", java.util.Map.of("field", "kind=tag"));
        }
        check.done();
        gridIds = gridIds == null ? null : List.copyOf(gridIds);
    }

    Audience toAudience() {
        return switch (AudienceKind.ofWire(kind)) {
            case COMMUNITY -> Audience.community();
            case GRIDS -> Audience.grids(gridIds);
            case TAG -> Audience.tag(tag);
        };
    }
}
