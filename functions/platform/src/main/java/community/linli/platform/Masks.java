package community.linli.platform;

/**
 * How personal data looks to a role that may know it exists but not read it: the shapes the
 * community's paper registers use, so staff recognise them.
 */
public final class Masks {
    private Masks() {}

    /** A mainland mobile with its middle four digits hidden: {@code 138****5678}; anything but 11 characters is hidden whole. */
    public static String phone(String phone) {
        if (phone == null) return null;
        if (phone.length() != 11) return "*".repeat(phone.length());
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }

    /**
     * A resident ID-card number with all but its first four and last four characters hidden:
     * {@code 6301**********123X} (the region stays readable, the birth date does not); anything but
     * 18 characters is hidden whole.
     */
    public static String idNumber(String idNumber) {
        if (idNumber == null) return null;
        if (idNumber.length() != 18) return "*".repeat(idNumber.length());
        return idNumber.substring(0, 4) + "*".repeat(10) + idNumber.substring(14);
    }
}
