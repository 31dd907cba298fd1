package community.linli.testkit;

import java.util.regex.Pattern;

/**
 * What the privacy tests look for in messages and logs: a mainland ID-card number (18 characters,
 * or the old 15 digits) and a mainland mobile number. Each must stand alone, not inside a longer
 * run of letters and digits: our ids are random hex (a notice's {@code nt-} and 20 hex characters
 * holds 15 digits in a row about once in a hundred notices), and a leaked number is written between
 * quotes, spaces or Chinese text.
 */
public final class PersonalData {
    public static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])(\\d{17}[\\dXx]|\\d{15})(?![0-9A-Za-z])");
    public static final Pattern MOBILE = Pattern.compile("(?<![0-9A-Za-z])1[3-9]\\d{9}(?![0-9A-Za-z])");

    private PersonalData() {}
}
