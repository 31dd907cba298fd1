package community.linli.residents;

import java.time.LocalDate;

/** A consent to a sensitive tag as a grid worker records it: the tag and the day the resident gave it; who recorded it is the caller. */
record ConsentBody(String tag, LocalDate date) {}
