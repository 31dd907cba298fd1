package community.linli.tables.directory;

/**
 * The guard of a category that must not wait in an inbox: the request is refused and the
 * resident is told whom to call instead (火情请立即拨打 119). {@code messageEn}, when set, is the
 * same message for clients that ask for English; it is null when the admin gave none.
 */
public record Emergency(String message, String messageEn, String phone) {}
