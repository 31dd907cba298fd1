package community.linli.tables.directory;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A community's quiet hours: from {@code start} to {@code end} on the community's clock
 * (Asia/Shanghai), across midnight when {@code end} is before {@code start}; none when the two are
 * equal. Non-urgent alerts that fall in them wait for the morning digest, sent at {@code end}.
 * Minutes only: a held alert's release time is a whole minute.
 */
public record QuietHours(LocalTime start, LocalTime end) {
    /** 22:00 to 07:00, for a community that has set none. */
    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public QuietHours {
        start = Objects.requireNonNull(start, "start").truncatedTo(ChronoUnit.MINUTES);
        end = Objects.requireNonNull(end, "end").truncatedTo(ChronoUnit.MINUTES);
    }

    /** Whether {@code at} falls in the quiet hours. */
    public boolean quiet(Instant at) {
        LocalTime time = at.atZone(ZONE).toLocalTime();
        if (start.equals(end)) return false;
        return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end) : !time.isBefore(start) || time.isBefore(end);
    }

    /** When the quiet hours that {@code at} falls in end: the morning digest's time; empty outside quiet hours. */
    public Optional<Instant> releaseAt(Instant at) {
        if (!quiet(at)) return Optional.empty();
        ZonedDateTime local = at.atZone(ZONE);
        ZonedDateTime release = local.with(end);
        if (!release.isAfter(local)) release = release.plusDays(1);
        return Optional.of(release.toInstant());
    }
}
