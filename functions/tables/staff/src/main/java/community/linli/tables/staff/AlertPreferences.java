package community.linli.tables.staff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one member of the staff registry wants to be alerted: per kind of alert, the channel for an
 * urgent one and for any other ({@code sms}, {@code email}, or {@code off} for a kind they may
 * mute), and which of their grids they want alerts of their grid for ({@code grids}; null means
 * all of them, those added later included). A kind they did not choose keeps its default
 * ({@link #DEFAULTS}, what alerts did before anyone chose). Stored on the member's item.
 *
 * <p>A person may not mute what names them or escalates to them ({@link #REQUIRED}): an
 * assignment, a transfer, an overdue request and an emergency notice of their grids always reach
 * them, by the channel they choose.
 */
public record AlertPreferences(Map<String, Choice> kinds, List<String> grids) {
    /** The channels of one kind: for an urgent alert, and for any other. */
    public record Choice(String urgent, String normal) {}

    public static final String SMS = "sms";
    public static final String EMAIL = "email";
    public static final String OFF = "off";
    public static final List<String> CHANNELS = List.of(SMS, EMAIL, OFF);

    /** Every kind of alert a person can be sent (AlertsFunction's {@code kind} attribute), with its default channels. */
    public static final Map<String, Choice> DEFAULTS = defaults();
    /** The kinds that cannot be turned off. */
    public static final List<String> REQUIRED = List.of("assigned", "transferred", "overdue", "overdue_on_duty", "overdue_head",
            "emergency_notice");

    public AlertPreferences {
        kinds = Map.copyOf(kinds);
        grids = grids == null ? null : List.copyOf(grids);
    }

    /** Nobody chose anything yet: every kind at its default, all of the member's grids. */
    public static AlertPreferences none() {
        return new AlertPreferences(Map.of(), null);
    }

    /** The channels of {@code kind} as this person wants them: their choice, else the default. */
    public Choice of(String kind) {
        return kinds.getOrDefault(kind, DEFAULTS.get(kind));
    }

    /** Every kind with its channels, in {@link #DEFAULTS}' order: what a person is shown. */
    public Map<String, Choice> effective() {
        Map<String, Choice> out = new LinkedHashMap<>();
        DEFAULTS.keySet().forEach(kind -> out.put(kind, of(kind)));
        return out;
    }

    /** Whether alerts of their grid about {@code gridId} are wanted: all grids when none were chosen. */
    public boolean wantsGrid(String gridId) {
        return grids == null || (gridId != null && grids.contains(gridId));
    }

    private static Map<String, Choice> defaults() {
        Map<String, Choice> defaults = new LinkedHashMap<>();
        defaults.put("new_request", new Choice(SMS, EMAIL));
        defaults.put("assigned", new Choice(SMS, EMAIL));
        defaults.put("transferred", new Choice(SMS, EMAIL));
        defaults.put("reopened", new Choice(SMS, EMAIL));
        defaults.put("low_rating", new Choice(EMAIL, EMAIL));
        defaults.put("pre_overdue", new Choice(SMS, EMAIL));
        defaults.put("overdue", new Choice(SMS, SMS));
        defaults.put("overdue_on_duty", new Choice(SMS, SMS));
        defaults.put("overdue_head", new Choice(SMS, SMS));
        defaults.put("emergency_notice", new Choice(SMS, SMS));
        return java.util.Collections.unmodifiableMap(defaults);
    }
}
