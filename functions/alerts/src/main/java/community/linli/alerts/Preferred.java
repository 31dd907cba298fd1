package community.linli.alerts;

import community.linli.tables.staff.AlertPreferences;
import java.util.Optional;

/**
 * Each person's own choice of alerts ({@link AlertPreferences}, from their registry entry), applied
 * to one alert for them: the channel they chose for its kind and urgency, else {@code fallback}
 * (the channel the change calls for); none when they turned that kind off, or when it is a grid
 * worker's alert of their grid (a new request) for a grid they do not want.
 */
final class Preferred {
    private Preferred() {}

    static Optional<Channel> channel(AlertPreferences preferences, AlertKind kind, boolean urgent, Recipient recipient,
                                     String gridId, Channel fallback) {
        if (kind == AlertKind.NEW_REQUEST && "grid_worker".equals(recipient.role()) && !preferences.wantsGrid(gridId)) {
            return Optional.empty();
        }
        if (!preferences.kinds().containsKey(kind.wire())) return Optional.of(fallback);
        AlertPreferences.Choice choice = preferences.kinds().get(kind.wire());
        return switch (urgent ? choice.urgent() : choice.normal()) {
            case AlertPreferences.SMS -> Optional.of(Channel.SMS);
            case AlertPreferences.EMAIL -> Optional.of(Channel.EMAIL);
            default -> Optional.empty();
        };
    }
}
