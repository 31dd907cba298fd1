package community.linli.tables.notices;

import java.time.Instant;

/**
 * What makes a notice of kind {@link NoticeKind#ACTIVITY} an activity: its seats, how many
 * companions one sign-up may bring, until when residents may sign up, when and where it is.
 * A sign-up takes {@code 1 + companions} seats, all or none ({@link SignUp}).
 */
public record Activity(int capacity, int maxCompanions, Instant signUpDeadline, Instant startsAt, String place) {}
