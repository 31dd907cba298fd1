package community.linli.tables.residents;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A resident's consent to a sensitive tag (PIPL art. 29): the day they gave it, and who recorded it
 * when. A sensitive tag is stored only with one.
 */
public record Consent(String tag, LocalDate date, String recordedBy, Instant recordedAt) {}
