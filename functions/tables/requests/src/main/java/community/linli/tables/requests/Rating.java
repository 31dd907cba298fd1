package community.linli.tables.requests;

import java.time.Instant;

/** The resident's rating (评价) of how their request was handled: 1 to 5, given once. */
public record Rating(int score, String comment, Instant at) {}
