package community.linli.core.requests;

import java.time.Instant;

/**
 * One entry of a request's timeline. Each is its own item, so the table's stream hands every
 * change (new request, assignment, status move, overdue) to the alerts as a separate record.
 * {@code sequence} orders events written within the same millisecond.
 */
public record TimelineEvent(String kind, String actorSub, Instant at, int sequence, Status status) {}
