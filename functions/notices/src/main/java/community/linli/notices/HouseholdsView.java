package community.linli.notices;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the API shows of households and an emergency notice: an acknowledgement, an answer, the dashboard. */
final class HouseholdsView {
    private HouseholdsView() {}

    /** A household's acknowledgement, as the resident who made it sees it. */
    record Acknowledged(String noticeId, String householdId, Instant acknowledgedAt) {}

    /** A household's answer to the form, as last corrected. */
    record Answered(String noticeId, String householdId, Map<String, Object> answers, Instant answeredAt) {}

    /** A household not yet acknowledged: where to knock. */
    record Door(String householdId, String buildingId, String unitId, String roomId) {}

    /** One grid: its households in the registry (reached), those acknowledged and answered, and the doors still to knock on. */
    record Grid(String gridId, int reached, int acknowledged, int answered, List<Door> notAcknowledged) {}

    record Totals(int reached, int acknowledged, int answered) {}

    /** The dashboard of an emergency notice over the grids the caller may see. */
    record Dashboard(String noticeId, List<Grid> grids, Totals totals) {}
}
