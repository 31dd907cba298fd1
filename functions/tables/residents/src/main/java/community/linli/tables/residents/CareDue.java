package community.linli.tables.residents;

import java.time.LocalDate;

/**
 * A resident's place on the care-visit list (关爱走访): due for a visit every {@code cadenceDays}
 * (the shortest cadence of their care tags), last visited on {@code lastVisitOn} (null: never since
 * they were tagged or moved in, and then due on the day they were), next due on {@code dueOn}.
 */
public record CareDue(String residentId, String gridId, int cadenceDays, LocalDate lastVisitOn, LocalDate dueOn) {

    /** The due date after a visit on {@code visitedOn}: a visit dated before the last one does not move it back. */
    public CareDue visited(LocalDate visitedOn) {
        LocalDate last = lastVisitOn == null || visitedOn.isAfter(lastVisitOn) ? visitedOn : lastVisitOn;
        return new CareDue(residentId, gridId, cadenceDays, last, last.plusDays(cadenceDays));
    }
}
