package community.linli.alerts;

import java.util.Locale;

/**
 * What an alert is about. The wire name is the {@code kind} message attribute that subscription
 * filter policies select on, and names the alert's texts in {@link AlertTexts}.
 */
public enum AlertKind {
    /** A resident filed a request: its grid's workers, and staff when it is urgent or has no grid. */
    NEW_REQUEST,
    /** A request was assigned: its assignee. */
    ASSIGNED,
    /** A request was handed from one assignee to another: the new assignee. */
    TRANSFERRED,
    /** The resident reopened their resolved request: staff. */
    REOPENED,
    /** The resident rated the handling 2 or less: staff. */
    LOW_RATING,
    /** The overdue sweep marked the request past its due time: the first level of escalation. */
    OVERDUE,
    /** 80% of the request's limit has passed: the first level, warned ahead. */
    PRE_OVERDUE,
    /** Still open a wait after overdue: level 2, the staff on duty. */
    OVERDUE_ON_DUTY,
    /** Still open a second wait after level 2: level 3, the community's head. */
    OVERDUE_HEAD,
    /** The morning's digest of the non-urgent alerts held in quiet hours: each person whom they were for. */
    DIGEST,
    /** An emergency notice went live: the grid workers of its grids, at once ({@link EmergencyNotices}). */
    EMERGENCY_NOTICE;

    /**
     * Whether quiet hours never hold it, whatever the request's urgency: a request past its limit
     * climbing the chain must reach someone who acts now.
     */
    public boolean pastItsLimit() {
        return this == OVERDUE || this == OVERDUE_ON_DUTY || this == OVERDUE_HEAD;
    }

    /**
     * Whether its texts are about one request ({@link AlertTexts#text}); a digest lists several
     * ({@link AlertTexts#digestText}), an emergency notice's are the notice's ({@link AlertTexts#emergencySms}).
     */
    public boolean aboutOneRequest() {
        return this != DIGEST && this != EMERGENCY_NOTICE;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
