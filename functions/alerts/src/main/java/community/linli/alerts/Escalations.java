package community.linli.alerts;

import community.linli.platform.store.StreamImages;
import community.linli.tables.requests.EscalationMark;
import community.linli.tables.requests.RequestItems;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import java.util.List;
import java.util.Optional;

/**
 * The alerts of the overdue sweep's escalation marks, past the first level:
 *
 * <pre>
 * mark                      to whom                                                    channel
 * pre_overdue (80% used)    the first level: the grid's workers, else staff, else admins sms if urgent, else email
 * on_duty (level 2)         the staff on duty now, else staff members, else admins      sms
 * head (level 3)            the community's head, else its admins                        sms
 * </pre>
 *
 * Each reads the request behind the mark (one GetItem) and alerts nobody when it is gone, no longer
 * open (resolved, rejected or closed since: it stops climbing), or due at another time now (its
 * new due time climbs on its own). The alert's occasion is the due time and the step, so each level
 * of a due time is alerted once per person.
 */
final class Escalations {
    private Escalations() {}

    /** A record of the stream that is the INSERT of an escalation mark. */
    record Step(EscalationMark mark) implements Changes.Trigger {
        static Optional<Step> of(StreamImages.Change record) {
            if (!"INSERT".equals(record.eventName())) return Optional.empty();
            return RequestItems.escalationMark(record.newImage()).map(Step::new);
        }
    }

    static List<Alert> alerts(Step step, RequestStore requests, Audience audience, Alerts alerts) {
        EscalationMark mark = step.mark();
        Optional<ResidentRequest> found = requests.find(mark.communityId(), mark.requestId());
        if (found.isEmpty() || !found.get().status().open() || !mark.due().equals(found.get().expectedAt())) return List.of();
        ResidentRequest request = found.get();
        String community = request.communityId();
        String occasion = "due " + mark.due() + " " + mark.step().wire();
        return switch (mark.step()) {
            case PRE_OVERDUE -> alerts.alerts(AlertKind.PRE_OVERDUE, request, occasion,
                    audience.firstLevel(community, request.gridId()), Alerts.urgent(request) ? Channel.SMS : Channel.EMAIL, audience);
            case ON_DUTY -> alerts.alerts(AlertKind.OVERDUE_ON_DUTY, request, occasion, audience.staff(community), Channel.SMS, audience);
            case HEAD -> alerts.alerts(AlertKind.OVERDUE_HEAD, request, occasion, audience.head(community), Channel.SMS, audience);
        };
    }
}
