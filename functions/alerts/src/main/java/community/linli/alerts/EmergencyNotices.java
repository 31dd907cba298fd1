package community.linli.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.platform.Log;
import community.linli.platform.store.StreamImages;
import community.linli.tables.notices.AudienceKind;
import community.linli.tables.notices.Notice;
import community.linli.tables.notices.NoticeKind;
import community.linli.tables.notices.NoticeStatus;
import community.linli.tables.notices.NoticeStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The NoticesTable's stream: an emergency notice pages the grid workers of its grids, by SMS, the
 * moment it goes live. The moment is the removal of the notice's announcement item
 * ({@code C#c#N#nid / ANNOUNCE}), which NoticesFunction deletes right after it put the notice's one
 * message on the topic: at publication for a notice live at once, or on the every-minute schedule
 * when a scheduled one reaches its {@code publishAt}. The delete is conditional, so it is on the
 * stream once per notice. A withdrawal removes the item too, as does the schedule for a notice no
 * longer published; the notice's own item, read strongly consistent (one GetItem), then says it is
 * not live, and nobody is paged. The event source mapping's filter passes only removals of an
 * emergency notice's announcement; the same test here keeps everything else out where no filter
 * runs (the local app).
 *
 * <p>Recipients: every active grid worker of a grid the notice addresses, with those of its grids
 * in the {@code grids} attribute. A notice to the whole community addresses every grid. So does a
 * notice to a tag (the elderly, say): its residents may live in any grid, this function may not
 * read the residents to find which, and the grid worker is who knocks on their door. A grid the
 * notice lists that has no active grid worker (or a community that has none) is not left unknown:
 * the staff ({@link Audience#staff}: on duty, else staff members, else admins) are paged for it, with
 * those grids in {@code grids}, as a new request with nobody in its grid goes to them. The kind
 * {@code emergency_notice} cannot be turned off, only routed ({@link Preferred}, as {@code overdue});
 * it is urgent, so quiet hours never hold it. Each alert's id is the notice's and the person's, so a
 * retried batch sends nothing twice ({@link Delivery}). An alert's {@code requestId} is the notice's id.
 */
final class EmergencyNotices {
    static final String ANNOUNCE = "ANNOUNCE";
    private static final String OCCASION = "live";
    private static final String URGENT = "urgent";

    private final NoticeStore notices;
    private final String table;
    private final Delivery delivery;
    private final String linkBase;
    private final Clock clock;

    EmergencyNotices(NoticeStore notices, String table, Delivery delivery, String linkBase, Clock clock) {
        this.notices = notices;
        this.table = table;
        this.delivery = delivery;
        this.linkBase = linkBase.replaceAll("/+$", "");
        this.clock = clock;
    }

    /** The notice an announcement's removal names: its community and id. */
    record WentLive(String communityId, String noticeId) {}

    /** An alert to a grid worker and the grids of theirs the notice addresses: its {@code grids} attribute. */
    record Paged(Alert alert, List<String> grids) {}

    /** Whether the batch is this table's stream: its records' {@code eventSourceARN} is {@code …:table/<name>/stream/…}. */
    boolean isBatchOf(JsonNode event) {
        String arn = event.path("Records").path(0).path("eventSourceARN").asText("");
        return arn.contains(":table/" + table + "/stream/");
    }

    /** The emergency notice a record shows going live: the removal of its announcement item; none for any other record. */
    static Optional<WentLive> wentLive(StreamImages.Change record) {
        if (!"REMOVE".equals(record.eventName())) return Optional.empty();
        Map<String, AttributeValue> old = record.oldImage();
        if (!ANNOUNCE.equals(string(record.keys(), "sk")) || !NoticeKind.EMERGENCY.wire().equals(string(old, "kind"))) {
            return Optional.empty();
        }
        String pk = string(record.keys(), "pk");
        String noticeId = string(old, "noticeId");
        String suffix = "#N#" + noticeId;
        if (pk == null || noticeId == null || !pk.startsWith("C#") || !pk.endsWith(suffix)) return Optional.empty();
        return Optional.of(new WentLive(pk.substring(2, pk.length() - suffix.length()), noticeId));
    }

    /**
     * A batch of the NoticesTable's stream, as {@link AlertsHandler} handles the requests stream's: the
     * first record that fails and every one after it are named in {@code batchItemFailures}.
     */
    Map<String, Object> handle(List<StreamImages.Change> records, Audience audience) {
        List<Map<String, String>> failures = new ArrayList<>();
        int sent = 0;
        int alreadySent = 0;
        for (StreamImages.Change record : records) {
            if (failures.isEmpty()) {
                try {
                    for (Paged paged : alerts(record, audience)) {
                        if (delivery.send(paged.alert(), paged.grids())) sent++;
                        else alreadySent++;
                    }
                    continue;
                } catch (RuntimeException e) {
                    Log.error("alerts.notice_record_failed", e, "sequenceNumber", record.sequenceNumber());
                }
            }
            failures.add(Map.of("itemIdentifier", record.sequenceNumber()));
        }
        Log.info("alerts.notices_batch", "records", records.size(), "sent", sent, "alreadySent", alreadySent, "failed", failures.size());
        return Map.of("batchItemFailures", failures);
    }

    /** The alerts a record calls for: none unless it shows an emergency notice going live that is live now. */
    List<Paged> alerts(StreamImages.Change record, Audience audience) {
        Optional<WentLive> live = wentLive(record);
        if (live.isEmpty()) return List.of();
        Optional<Notice> found = notices.current(live.get().communityId(), live.get().noticeId());
        if (found.isEmpty() || found.get().kind() != NoticeKind.EMERGENCY || found.get().status() != NoticeStatus.PUBLISHED
                || found.get().closedAt(clock.instant())) {
            Log.info("alerts.notice_not_live", "communityId", live.get().communityId(), "noticeId", live.get().noticeId());
            return List.of();
        }
        return alerts(found.get(), audience);
    }

    List<Paged> alerts(Notice notice, Audience audience) {
        boolean listed = notice.audience().kind() == AudienceKind.GRIDS;
        Map<Recipient, List<String>> to = new LinkedHashMap<>();
        Set<String> covered = new HashSet<>();
        audience.gridWorkersWithGrids(notice.communityId()).forEach((worker, grids) -> {
            List<String> addressed = listed ? grids.stream().filter(notice.audience().gridIds()::contains).toList() : grids;
            if (addressed.isEmpty()) return;
            to.put(worker, addressed);
            covered.addAll(addressed);
        });
        List<String> uncovered = listed ? notice.audience().gridIds().stream().filter(g -> !covered.contains(g)).toList() : List.of();
        if (!uncovered.isEmpty() || (!listed && to.isEmpty())) {
            audience.staff(notice.communityId()).forEach(person -> to.putIfAbsent(person, uncovered));
        }
        String link = linkBase + "/" + notice.noticeId();
        String subject = AlertTexts.emergencySubject(notice.title());
        List<Paged> alerts = new ArrayList<>();
        to.forEach((person, grids) -> {
            String grid = grids.isEmpty() ? null : grids.getFirst();
            var chosen = Preferred.channel(audience.preferences(notice.communityId(), person.id()), AlertKind.EMERGENCY_NOTICE, true,
                    person, grid, Channel.SMS);
            if (chosen.isEmpty()) return;
            String id = Alert.id(notice.communityId(), notice.noticeId(), AlertKind.EMERGENCY_NOTICE, OCCASION, person);
            alerts.add(new Paged(new Alert(id, notice.communityId(), notice.noticeId(), AlertKind.EMERGENCY_NOTICE, person, grid,
                    chosen.get(), URGENT, subject, AlertTexts.emergencyText(chosen.get(), notice.title(), link),
                    chosen.get() == Channel.SMS ? AlertTexts.emergencySmsVariables(notice.title(), notice.noticeId(), link) : Map.of()),
                    grids));
        });
        return alerts;
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
