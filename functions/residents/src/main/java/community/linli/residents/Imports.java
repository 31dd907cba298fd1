package community.linli.residents;

import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.files.FileStore;
import community.linli.platform.http.Problem;
import community.linli.tables.residents.AuditRecord;
import community.linli.tables.residents.ImportJob;
import community.linli.tables.residents.ImportStatus;
import community.linli.tables.residents.ResidentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Bulk imports of residents, as staff and admins start and follow them; ResidentsImportFunction
 * runs them once the file is uploaded. Grid workers may not import (403); another community's
 * import is 404. Starting one writes the import and its audit record (who, when, why) in one
 * transaction, and hands out a presigned PUT for the CSV ({@value #UPLOAD_MINUTES} minutes).
 */
final class Imports {
    static final int UPLOAD_MINUTES = 15;
    static final Duration UPLOAD_WINDOW = Duration.ofMinutes(UPLOAD_MINUTES);
    static final Duration REPORT_WINDOW = Duration.ofMinutes(15);
    static final String CSV = "text/csv";

    private final ResidentStore store;
    private final FileStore files;
    private final Clock clock;

    Imports(ResidentStore store, FileStore files, Clock clock) {
        this.store = store;
        this.files = files;
        this.clock = clock;
    }

    ImportView start(Caller caller, Supplier<ImportBody> input) {
        caller.require(Role.STAFF, Role.ADMIN);
        ImportBody body = input.get();
        String c = caller.communityId();
        Instant now = clock.instant();
        String importId = ResidentStore.newImportId();
        AuditRecord audit = new AuditRecord(c, ResidentStore.newAuditId(), now, caller.sub(), caller.is(Role.ADMIN) ? "admin" : "staff",
                "import", importId, body.reason());
        ImportJob job = new ImportJob(c, importId, ImportStatus.WAITING_UPLOAD, caller.sub(), audit.auditId(), now, now,
                ImportJob.Counts.NONE, null, null);
        store.createImport(job, audit);
        FileStore.Upload upload = files.presignUpload(ImportJob.uploadKey(c, importId), CSV, UPLOAD_WINDOW);
        Log.info("imports.created", "communityId", c, "importId", importId, "auditId", audit.auditId(), "by", caller.sub());
        return ImportView.of(job, upload, null);
    }

    ImportView get(Caller caller, String importId) {
        caller.require(Role.STAFF, Role.ADMIN);
        if (!Residents.ID.matcher(importId).matches()) throw Problem.notFound();
        ImportJob job = store.importJob(caller.communityId(), importId).orElseThrow(Problem::notFound);
        ImportView.Report report = job.status() == ImportStatus.DONE && job.reportKey() != null
                ? new ImportView.Report(files.downloadUrl(job.reportKey(), importId + "-错误报告.csv", REPORT_WINDOW), clock.instant().plus(REPORT_WINDOW))
                : null;
        return ImportView.of(job, null, report);
    }
}
