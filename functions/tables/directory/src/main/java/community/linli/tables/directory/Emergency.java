package community.linli.tables.directory;

/**
 * The guard of a category that must not wait in an inbox: the request is refused and the
 * resident is told whom to call instead (火情请立即拨打 119).
 */
public record Emergency(String message, String phone) {}
