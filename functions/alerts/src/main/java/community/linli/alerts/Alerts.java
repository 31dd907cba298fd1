package community.linli.alerts;

import community.linli.tables.requests.Priority;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The alerts a change calls for, one per person:
 *
 * <pre>
 * change                          to whom                                                  channel
 * new request                     its grid's workers; and staff if urgent or without grid  sms if urgent, else email
 * assignment, transfer            the assignee                                             sms if urgent, else email
 * reopen by the resident          staff                                                    email (sms if urgent)
 * rating of 2 or less             staff                                                    email
 * overdue mark                    the first level: grid's workers, else staff, else admins sms
 * pre-overdue, level 2, 3 marks   first level; on-duty staff; the head ({@link Escalations})
 * </pre>
 *
 * "Staff" is the registry's active staff members, else its admins ({@link Audience}). A request is
 * urgent when its priority (the resident's urgency until staff triage it) is {@code urgent}. Each
 * person's own preferences then pick the channel, or drop the alert ({@link Preferred}).
 */
final class Alerts {
    private final RequestStore requests;
    private final String linkBase;

    Alerts(RequestStore requests, String linkBase) {
        this.requests = requests;
        this.linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
    }

    List<Alert> of(Changes.Trigger trigger, Audience audience) {
        return switch (trigger) {
            case Changes.AboutRequest about -> about(about, audience);
            case Changes.OverdueMark mark -> overdue(mark, audience);
            case Escalations.Step step -> Escalations.alerts(step, requests, audience, this);
        };
    }

    private List<Alert> about(Changes.AboutRequest about, Audience audience) {
        ResidentRequest request = about.request();
        String community = request.communityId();
        boolean urgent = urgent(request);
        LinkedHashSet<Recipient> to = new LinkedHashSet<>();
        switch (about.kind()) {
            case NEW_REQUEST -> {
                to.addAll(audience.gridWorkers(community, request.gridId()));
                if (urgent || to.isEmpty()) to.addAll(audience.staff(community));
            }
            case ASSIGNED, TRANSFERRED -> to.add(new Recipient(about.assignee().staffId(), about.assignee().role()));
            case REOPENED, LOW_RATING -> to.addAll(audience.staff(community));
            case OVERDUE, PRE_OVERDUE, OVERDUE_ON_DUTY, OVERDUE_HEAD ->
                    throw new IllegalArgumentException("an escalation is not a change of the request");
        }
        Channel channel = urgent && about.kind() != AlertKind.LOW_RATING ? Channel.SMS : Channel.EMAIL;
        return alerts(about.kind(), request, about.occasion(), to, channel, audience);
    }

    /** The request behind the mark, read with one GetItem; none when it is gone or closed since, or due later now. */
    private List<Alert> overdue(Changes.OverdueMark mark, Audience audience) {
        Optional<ResidentRequest> found = requests.find(mark.communityId(), mark.requestId());
        if (found.isEmpty() || !found.get().status().open() || !mark.due().equals(found.get().expectedAt())) return List.of();
        ResidentRequest request = found.get();
        return alerts(AlertKind.OVERDUE, request, "due " + mark.due() + " level 1",
                audience.firstLevel(request.communityId(), request.gridId()), Channel.SMS, audience);
    }

    List<Alert> alerts(AlertKind kind, ResidentRequest request, String occasion, java.util.Collection<Recipient> to,
                               Channel channel, Audience audience) {
        var names = audience.names(request.communityId(), request.category(),
                request.location() == null ? null : request.location().buildingId());
        var facts = new AlertTexts.Facts(request.id(), names.category(), names.building(), request.priority().wire(),
                request.expectedAt(), request.rating() == null ? null : request.rating().score(), linkBase + "/" + request.id());
        String subject = AlertTexts.subject(kind, facts);
        List<Alert> alerts = new ArrayList<>();
        for (Recipient recipient : to) {
            var chosen = Preferred.channel(audience.preferences(request.communityId(), recipient.id()), kind, urgent(request),
                    recipient, request.gridId(), channel);
            if (chosen.isEmpty()) continue;
            alerts.add(new Alert(Alert.id(request.communityId(), request.id(), kind, occasion, recipient), request.communityId(),
                    request.id(), kind, recipient, request.gridId(), chosen.get(), request.priority().wire(), subject,
                    AlertTexts.text(kind, chosen.get(), facts),
                    chosen.get() == Channel.SMS ? AlertTexts.smsVariables(kind, facts) : java.util.Map.of()));
        }
        return alerts;
    }

    static boolean urgent(ResidentRequest request) {
        return request.priority() == Priority.URGENT;
    }
}
