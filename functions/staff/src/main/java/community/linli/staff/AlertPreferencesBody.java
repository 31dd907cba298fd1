package community.linli.staff;

import community.linli.platform.http.Check;
import community.linli.tables.staff.AlertPreferences;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /me/alert-preferences}: the caller's whole choice, replacing the one
 * before. {@code kinds} maps a kind of alert to its channels for an urgent alert and for any
 * other ({@code sms}, {@code email}, {@code off}); a kind or channel left out keeps its default,
 * and the kinds that name or escalate to the person ({@link AlertPreferences#REQUIRED}) cannot be
 * {@code off}. {@code grids}, when given, narrows the alerts of their grids to these; whether they
 * are the caller's own grids is checked against the registry in {@link MyAlerts}.
 */
record AlertPreferencesBody(Map<String, ChoiceBody> kinds, List<String> grids) {
    record ChoiceBody(String urgent, String normal) {}

    AlertPreferencesBody {
        Check check = Check.of();
        if (kinds != null) {
            kinds.forEach((kind, choice) -> {
                String field = "kinds." + kind;
                if (!AlertPreferences.DEFAULTS.containsKey(kind)) {
                    check.add(field, "unknown_field");
                    return;
                }
                check.required(field, choice);
                if (choice == null) return;
                List<String> allowed = AlertPreferences.REQUIRED.contains(kind)
                        ? List.of(AlertPreferences.SMS, AlertPreferences.EMAIL) : AlertPreferences.CHANNELS;
                check.oneOf(field + ".urgent", choice.urgent(), allowed).oneOf(field + ".normal", choice.normal(), allowed);
            });
        }
        check.maxItems("grids", grids, Staff.MAX_GRIDS).distinct("grids", grids);
        if (grids != null) {
            if (grids.isEmpty()) check.add("grids", "min_items", Map.of("min", 1));
            for (int i = 0; i < grids.size(); i++) check.matches("grids[" + i + "]", grids.get(i), Staff.ID);
        }
        check.done();
    }

    /** The choice as stored: a kind's channel left out is its default. */
    AlertPreferences toPreferences() {
        Map<String, AlertPreferences.Choice> chosen = new LinkedHashMap<>();
        if (kinds != null) {
            kinds.forEach((kind, choice) -> {
                AlertPreferences.Choice fallback = AlertPreferences.DEFAULTS.get(kind);
                chosen.put(kind, new AlertPreferences.Choice(choice.urgent() != null ? choice.urgent() : fallback.urgent(),
                        choice.normal() != null ? choice.normal() : fallback.normal()));
            });
        }
        return new AlertPreferences(chosen, grids);
    }
}
