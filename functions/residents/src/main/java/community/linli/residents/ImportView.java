package community.linli.residents;

import com.fasterxml.jackson.annotation.JsonInclude;
import community.linli.platform.Json;
import community.linli.platform.files.FileStore;
import community.linli.tables.residents.ImportJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A bulk import as {@code POST /residents/imports} and {@code GET /residents/imports/{id}} show it:
 * its status and counts; on creation where to upload the CSV; once done a link to its report; once
 * failed the errors that made the file unreadable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImportView(String id, String status, Instant createdAt, Instant updatedAt, int rows, int processed, int imported,
                  int alreadyRegistered, int failed, String auditId, Upload upload, Report report, List<ImportError> errors) {

    /** Where to PUT the file: exactly these headers, before {@code expiresAt}. */
    record Upload(String url, String method, Map<String, String> headers, Instant expiresAt) {}

    /** The per-row error report (CSV, UTF-8 with a byte-order mark), a link valid until {@code expiresAt}. */
    record Report(String url, Instant expiresAt) {}

    /** Why the file could not be read: the field ({@code body}, {@code header}), its code and message. */
    record ImportError(String field, String code, String message, String messageEn) {}

    static ImportView of(ImportJob job, FileStore.Upload upload, Report report) {
        ImportJob.Counts c = job.counts();
        List<ImportError> errors = job.failure() == null ? null : List.of(Json.parse(job.failure(), ImportError[].class));
        return new ImportView(job.importId(), job.status().wire(), job.createdAt(), job.updatedAt(), c.rows(), c.processed(),
                c.imported(), c.alreadyRegistered(), c.failed(), job.auditId(),
                upload == null ? null : new Upload(upload.url(), "PUT", upload.headers(), upload.expiresAt()), report, errors);
    }
}
