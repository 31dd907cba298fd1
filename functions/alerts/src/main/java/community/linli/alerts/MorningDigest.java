package community.linli.alerts;

import community.linli.platform.Log;
import community.linli.tables.requests.HeldAlert;
import community.linli.tables.requests.RequestStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Quiet hours: a non-urgent alert (not of an urgent request, nor of one past its limit: those are never held)
 * that falls in its community's quiet hours is held until they end, then sent with the others held
 * for the same person in one morning digest. Both halves keep {@link Delivery}'s promise, once and
 * none lost:
 *
 * <ul>
 *   <li>Holding is one transaction ({@link RequestStore#holdAlert}): the alert's sent record, so a
 *       retried batch does not send it again, and its held item, on condition that the digest of
 *       its release time has not begun. An alert too late for its digest is sent by itself.
 *   <li>The digest's schedule first begins the digest of every release time due
 *       ({@link RequestStore#beginDigest}), then reads the held alerts again, strongly consistent,
 *       so it holds all it ever will. Each person's digest has a deterministic id (community,
 *       person, release time) and goes through {@link Delivery}, then its held items are removed.
 *       A run that fails half-way is redone by the next: what was sent is recognized, what was
 *       removed is gone, what remains is sent.
 * </ul>
 */
final class MorningDigest {
    private final RequestStore ledger;
    private final Delivery delivery;
    private final Clock clock;
    private final String linkBase;

    MorningDigest(RequestStore ledger, Delivery delivery, Clock clock, String linkBase) {
        this.ledger = ledger;
        this.delivery = delivery;
        this.clock = clock;
        this.linkBase = linkBase;
    }

    /** What became of an alert. */
    enum Outcome { SENT, HELD, SENT_BEFORE }

    /**
     * Holds the alert when it is not urgent and its community's quiet hours are on; sends it otherwise.
     * Urgent is the request's urgency, or a request past its limit ({@link AlertKind#pastItsLimit}),
     * not the channel: a person may choose SMS for ordinary alerts, or email for urgent ones
     * ({@code /me/alert-preferences}), and neither may wake them, nor hold what is urgent.
     */
    Outcome deliver(Alert alert, Audience audience) {
        boolean urgent = "urgent".equals(alert.urgency()) || alert.kind().pastItsLimit();
        Optional<Instant> release = urgent ? Optional.empty() : audience.quietHours(alert.communityId()).releaseAt(clock.instant());
        if (release.isPresent()) {
            String headline = alert.text().lines().findFirst().orElse("");
            var held = new HeldAlert(alert.communityId(), alert.id(), release.get(), alert.recipient().id(), alert.recipient().role(),
                    alert.requestId(), alert.kind().wire(), alert.gridId(), headline);
            switch (ledger.holdAlert(held)) {
                case HELD -> { return Outcome.HELD; }
                case SENT_BEFORE -> { return Outcome.SENT_BEFORE; }
                case DIGEST_BEGUN -> Log.info("alerts.too_late_for_digest", "alertId", alert.id());
            }
        }
        return delivery.send(alert) ? Outcome.SENT : Outcome.SENT_BEFORE;
    }

    /**
     * The digests due now in {@code communities}: one per person and release time. Returns how many
     * it published. A community that fails does not stop the others; the run then fails, so Lambda
     * counts an error (the function's alarm) and the next run redoes it.
     */
    int sweep(List<String> communities) {
        Instant now = clock.instant();
        int published = 0;
        RuntimeException failure = null;
        for (String community : communities) {
            try {
                published += sweep(community, now);
            } catch (RuntimeException e) {
                Log.error("alerts.digest_failed", e, "community", community);
                failure = e;
            }
        }
        if (failure != null) throw failure;
        return published;
    }

    private int sweep(String community, Instant now) {
        List<HeldAlert> due = ledger.heldAlerts(community, now);
        if (due.isEmpty()) return 0;
        new TreeSet<>(due.stream().map(HeldAlert::releaseAt).toList()).forEach(release -> ledger.beginDigest(community, release));
        Map<List<Object>, List<HeldAlert>> byPerson = new LinkedHashMap<>();
        for (HeldAlert held : ledger.heldAlerts(community, now)) {
            byPerson.computeIfAbsent(List.of(held.releaseAt(), held.recipientRole(), held.recipientId()), k -> new ArrayList<>()).add(held);
        }
        int published = 0;
        for (List<HeldAlert> alerts : byPerson.values()) {
            if (delivery.send(digest(alerts), grids(alerts))) published++;
            ledger.releaseHeld(alerts);
        }
        return published;
    }

    private Alert digest(List<HeldAlert> alerts) {
        HeldAlert first = alerts.getFirst();
        var recipient = new Recipient(first.recipientId(), first.recipientRole());
        String id = Alert.id(first.communityId(), "", AlertKind.DIGEST, first.releaseAt().toString(), recipient);
        return new Alert(id, first.communityId(), null, AlertKind.DIGEST, recipient, null, Channel.EMAIL, "normal",
                AlertTexts.digestSubject(alerts.size()), AlertTexts.digestText(alerts.stream()
                        .sorted(java.util.Comparator.comparing(HeldAlert::requestId)).map(HeldAlert::headline).toList(), linkBase));
    }

    private static List<String> grids(List<HeldAlert> alerts) {
        var grids = new LinkedHashSet<String>();
        alerts.stream().map(HeldAlert::gridId).filter(java.util.Objects::nonNull).forEach(grids::add);
        return List.copyOf(grids);
    }
}
