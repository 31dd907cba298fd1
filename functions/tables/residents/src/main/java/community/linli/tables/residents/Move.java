package community.linli.tables.residents;

import java.time.Instant;
import java.time.LocalDate;

/** One entry of a resident's history: what happened on which day, from which household to which, recorded by whom. */
public record Move(String residentId, MoveKind kind, LocalDate date, String fromHouseholdId, String toHouseholdId,
                   Address to, String by, Instant at) {}
