package community.linli.tables.requests;

import java.util.Locale;

/**
 * Where a request stands in the loop 受理 → 派单 → 办理 → 回复 → 回访/评价. The moves between
 * statuses are decided in one place, the request state machine; this type only names them.
 */
public enum Status {
    ACCEPTED("已受理"),
    ASSIGNED("已派单"),
    IN_PROGRESS("办理中"),
    RESOLVED("已办结"),
    REOPENED("已重新打开"),
    CLOSED("已关闭"),
    REJECTED("不予受理");

    /** What residents and staff call the status. */
    public final String zh;

    Status(String zh) {
        this.zh = zh;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status ofWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Open requests count against the time limit and show in the inbox. */
    public boolean open() {
        return this != CLOSED && this != REJECTED && this != RESOLVED;
    }
}
