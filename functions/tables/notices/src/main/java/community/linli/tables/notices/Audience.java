package community.linli.tables.notices;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whom a notice addresses. {@code gridIds} is non-empty only for {@link AudienceKind#GRIDS},
 * {@code tag} non-null only for {@link AudienceKind#TAG}.
 */
public record Audience(AudienceKind kind, List<String> gridIds, String tag) {
    /** The audience key of the whole community. */
    public static final String EVERYONE = "ALL";

    public Audience {
        gridIds = gridIds == null ? List.of() : List.copyOf(gridIds);
    }

    public static Audience community() {
        return new Audience(AudienceKind.COMMUNITY, List.of(), null);
    }

    public static Audience grids(List<String> gridIds) {
        return new Audience(AudienceKind.GRIDS, gridIds, null);
    }

    public static Audience tag(String tag) {
        return new Audience(AudienceKind.TAG, List.of(), tag);
    }

    /** The audience keys a published notice is listed under: one per grid, or one for the community or the tag. */
    public List<String> keys() {
        return switch (kind) {
            case COMMUNITY -> List.of(EVERYONE);
            case GRIDS -> gridIds.stream().map(Audience::gridKey).toList();
            case TAG -> List.of(tagKey(tag));
        };
    }

    /** Whether someone in {@code grids} with {@code tags} is addressed. */
    public boolean reaches(Collection<String> grids, Collection<String> tags) {
        return switch (kind) {
            case COMMUNITY -> true;
            case GRIDS -> gridIds.stream().anyMatch(grids::contains);
            case TAG -> tags.contains(tag);
        };
    }

    /** The audience keys whose lists someone in {@code grids} with {@code tags} reads. */
    public static List<String> keysOf(Collection<String> grids, Collection<String> tags) {
        List<String> keys = new ArrayList<>();
        keys.add(EVERYONE);
        grids.stream().sorted().map(Audience::gridKey).forEach(keys::add);
        tags.stream().sorted().map(Audience::tagKey).forEach(keys::add);
        return keys;
    }

    static String gridKey(String gridId) {
        return "G#" + gridId;
    }

    static String tagKey(String tag) {
        return "T#" + tag;
    }
}
