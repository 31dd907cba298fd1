package community.linli.tables.residents;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * A resident ID-card number (公民身份号码, GB 11643-1999): six digits of region, eight of birth date
 * ({@code yyyyMMdd}), three of sequence (odd for men, even for women) and a check character, the ISO
 * 7064 MOD 11-2 checksum of the first 17 ({@code 0}-{@code 9} or {@code X} for ten). A number is
 * plausible when its birth date is a real date, not before 1900 and not after today.
 */
public record IdCardNumber(String value, LocalDate birthDate, Gender gender) {
    private static final Pattern SHAPE = Pattern.compile("\\d{17}[\\dX]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    /** Why a number is refused: the error code a 400 names it with. */
    public enum Flaw {
        SHAPE("id_number_shape"), CHECK_DIGIT("id_number_check_digit"), BIRTH_DATE("id_number_birth_date");

        public final String code;

        Flaw(String code) {
            this.code = code;
        }
    }

    /** Upper-cases a trailing {@code x}, the one normalization a typed number needs. */
    public static String normalize(String raw) {
        return raw == null ? null : raw.strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** What is wrong with {@code normalized} on {@code today}, or null when it is a plausible number. */
    public static Flaw flaw(String normalized, LocalDate today) {
        if (normalized == null || !SHAPE.matcher(normalized).matches()) return Flaw.SHAPE;
        if (checkCharacter(normalized) != normalized.charAt(17)) return Flaw.CHECK_DIGIT;
        LocalDate birth = birthDateOf(normalized);
        if (birth == null || birth.isBefore(EARLIEST) || birth.isAfter(today)) return Flaw.BIRTH_DATE;
        return null;
    }

    /** The number, its birth date and gender; {@code normalized} has no {@link #flaw}. */
    public static IdCardNumber of(String normalized) {
        int sequence = normalized.charAt(16) - '0';
        return new IdCardNumber(normalized, birthDateOf(normalized), sequence % 2 == 1 ? Gender.MALE : Gender.FEMALE);
    }

    /** The check character of the first 17 digits. */
    public static char checkCharacter(String number) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (number.charAt(i) - '0') * WEIGHTS[i];
        return CHECK[sum % 11];
    }

    private static LocalDate birthDateOf(String number) {
        try {
            return LocalDate.of(Integer.parseInt(number.substring(6, 10)), Integer.parseInt(number.substring(10, 12)),
                    Integer.parseInt(number.substring(12, 14)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "IdCardNumber[masked]";
    }
}
