package community.linli.overduesweep;

import community.linli.platform.Env;
import community.linli.platform.store.Page;
import community.linli.tables.requests.EscalationStep;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The steps of an escalation past the overdue mark, found with the watermark window of the run that
 * marks overdue: a run reading due times {@code [from, until)} marks level 2 (on-duty staff) for due
 * times {@code [from − toDuty, until − toDuty)} and level 3 (the head) for
 * {@code [from − toDuty − toHead, until − toDuty − toHead)}, each a Query of the ByCommunity index
 * (open requests only, sorted by due time). As the window moves, every due time passes through each
 * step's window once, on the first run after its wait; a request resolved, rejected or closed before
 * is no longer in the index and climbs no further.
 *
 * <p>The pre-overdue warning, at 80% of the time from filing to the due time, is not a fixed distance
 * before the due time, so it reads the requests due in {@code [until, until + lookahead)} (not yet
 * due; an overdue one is told so instead) and marks those whose 80% point is in {@code [from, until)}.
 * The lookahead bounds the longest limit warned of: a fifth of it. A reopened request's limit runs
 * from its reopening, which the request does not record, so only a first limit is warned of.
 */
public final class Escalation {
    /** The share of a limit after which its request is warned of. */
    static final double WARN_AT = 0.8;
    /** A fifth of the longest limit warned of: 30 working days around a holiday week are under 50 days. */
    static final Duration LOOKAHEAD = Duration.ofDays(10);

    /** How long a request stays overdue before it goes to on-duty staff, and then to the head. */
    public record Waits(Duration toDuty, Duration toHead) {
        public static final Waits DEFAULT = new Waits(Duration.ofHours(2), Duration.ofHours(4));

        public Waits {
            if (toDuty.isNegative() || toHead.isNegative()) throw new IllegalArgumentException("escalation waits must not be negative");
        }

        /** From {@code ESCALATE_TO_DUTY_AFTER} and {@code ESCALATE_TO_HEAD_AFTER} (ISO-8601 durations, such as {@code PT2H}). */
        public static Waits fromEnv() {
            return new Waits(duration("ESCALATE_TO_DUTY_AFTER", DEFAULT.toDuty()), duration("ESCALATE_TO_HEAD_AFTER", DEFAULT.toHead()));
        }

        private static Duration duration(String variable, Duration fallback) {
            return Env.optional(variable).map(value -> {
                try {
                    return Duration.parse(value);
                } catch (DateTimeParseException e) {
                    throw new IllegalStateException(variable + " is not an ISO-8601 duration such as PT2H: " + value, e);
                }
            }).orElse(fallback);
        }
    }

    private final RequestStore store;
    private final Waits waits;

    Escalation(RequestStore store, Waits waits) {
        this.store = store;
        this.waits = waits;
    }

    /** Marks the steps that the run's window {@code [from, until)} reaches ({@code from} null: any time before); the count per step. */
    Map<EscalationStep, Integer> run(String community, Instant from, Instant until) {
        Map<EscalationStep, Integer> marked = new EnumMap<>(EscalationStep.class);
        marked.put(EscalationStep.PRE_OVERDUE, mark(community, until, until.plus(LOOKAHEAD), EscalationStep.PRE_OVERDUE,
                request -> warnedIn(request, from, until)));
        Duration toDuty = waits.toDuty();
        marked.put(EscalationStep.ON_DUTY, mark(community, minus(from, toDuty), until.minus(toDuty), EscalationStep.ON_DUTY, r -> true));
        Duration toHead = toDuty.plus(waits.toHead());
        marked.put(EscalationStep.HEAD, mark(community, minus(from, toHead), until.minus(toHead), EscalationStep.HEAD, r -> true));
        return marked;
    }

    /** When {@code request} is warned of: 80% of the way from its filing to its due time; null for a reopened one. */
    static Instant warnAt(ResidentRequest request) {
        if (request.reopenCount() > 0 || request.createdAt() == null || request.expectedAt() == null) return null;
        long limit = Duration.between(request.createdAt(), request.expectedAt()).toMillis();
        return request.createdAt().plusMillis(Math.round(limit * WARN_AT));
    }

    private static boolean warnedIn(ResidentRequest request, Instant from, Instant until) {
        Instant warn = warnAt(request);
        return warn != null && warn.isBefore(until) && (from == null || !warn.isBefore(from));
    }

    private int mark(String community, Instant from, Instant until, EscalationStep step, Predicate<ResidentRequest> due) {
        int marked = 0;
        String cursor = null;
        do {
            Page<ResidentRequest> page = store.dueBetween(community, from, until, OverdueSweepHandler.PAGE, cursor);
            for (ResidentRequest request : page.items()) {
                if (request.expectedAt() != null && due.test(request) && store.markEscalation(request, step)) marked++;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return marked;
    }

    private static Instant minus(Instant from, Duration wait) {
        return from == null ? null : from.minus(wait);
    }
}
