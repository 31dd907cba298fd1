package community.linli.tables.residents;

import java.time.Instant;
import java.time.LocalDate;

/** A care visit as logged: when it took place, what the visitor noted, and whether it raised a concern. */
public record Visit(String residentId, String visitId, LocalDate date, String note, boolean concern, String by, Instant at) {}
