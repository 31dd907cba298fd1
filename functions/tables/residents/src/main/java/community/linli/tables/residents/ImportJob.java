package community.linli.tables.residents;

import java.time.Instant;

/**
 * One bulk import of residents from a CSV (居民批量导入): who started it and why (its audit record),
 * where it is, and its counts so far. {@code failure} is the JSON of the errors that made the file
 * unreadable (a failed import registered nothing); {@code reportKey} the object key of its per-row
 * error report, once done.
 */
public record ImportJob(String communityId, String importId, ImportStatus status, String createdBy, String auditId,
                        Instant createdAt, Instant updatedAt, Counts counts, String failure, String reportKey) {

    /** Where the CSV of an import is uploaded (the ImportsBucket notifies the import function of this prefix). */
    public static String uploadKey(String communityId, String importId) {
        return "imports/" + communityId + "/" + importId + ".csv";
    }

    /** Where the per-row error report of an import is written. */
    public static String reportKey(String communityId, String importId) {
        return "import-reports/" + communityId + "/" + importId + ".csv";
    }

    /**
     * The rows of the file, how many of them were dealt with so far, and how: registered now,
     * already registered at that room (a file imported again), or refused with an error in the report.
     */
    public record Counts(int rows, int processed, int imported, int alreadyRegistered, int failed) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0);
    }
}
