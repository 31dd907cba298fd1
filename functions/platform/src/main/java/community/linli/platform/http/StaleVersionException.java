package community.linli.platform.http;

/**
 * A conditional write found the item at another version than the change was based on. Http
 * renders it as 409 with the current version, so the client can reload instead of overwriting.
 */
public final class StaleVersionException extends RuntimeException {
    private final long currentVersion;

    public StaleVersionException(long currentVersion) {
        super("stale version; current is " + currentVersion, null, false, false);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
