package community.linli.residents;

import community.linli.tables.residents.ResidentStore;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A resident on a grid's care-visit list: who and where, their cadence, last visit and due date;
 * {@code daysOverdue} is how many days past due they are on {@code today} (0 when due today or later).
 */
record CareDueView(String residentId, String name, String gridId, String buildingId, String unitId, String roomId,
                   int cadenceDays, LocalDate lastVisitOn, LocalDate dueOn, boolean overdue, long daysOverdue) {

    record Page(String gridId, LocalDate today, LocalDate until, List<CareDueView> items, String nextCursor) {}

    static CareDueView of(ResidentStore.DueVisit d, LocalDate today) {
        var a = d.resident().address();
        long late = ChronoUnit.DAYS.between(d.care().dueOn(), today);
        return new CareDueView(d.resident().residentId(), d.resident().name(), a.gridId(), a.buildingId(), a.unitId(), a.roomId(),
                d.care().cadenceDays(), d.care().lastVisitOn(), d.care().dueOn(), late > 0, Math.max(0, late));
    }
}
