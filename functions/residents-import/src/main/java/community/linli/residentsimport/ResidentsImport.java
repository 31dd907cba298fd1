package community.linli.residentsimport;

import community.linli.platform.Json;
import community.linli.platform.Log;
import community.linli.platform.csv.CsvTable;
import community.linli.platform.csv.CsvWriter;
import community.linli.platform.files.FileStore;
import community.linli.platform.http.FieldError;
import community.linli.platform.http.Messages;
import community.linli.platform.http.Problem;
import community.linli.tables.directory.Building;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Tag;
import community.linli.tables.residents.Address;
import community.linli.tables.residents.Consent;
import community.linli.tables.residents.Household;
import community.linli.tables.residents.ImportJob;
import community.linli.tables.residents.ImportStatus;
import community.linli.tables.residents.NewResident;
import community.linli.tables.residents.Resident;
import community.linli.tables.residents.ResidentStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * One bulk import of residents: reads the uploaded CSV ({@link CsvTable}: strict UTF-8, the header
 * of {@link ImportRow}), checks every row as {@code POST /residents} checks a body, registers the
 * valid ones, and writes a per-row error report in Chinese.
 *
 * <p>A file that cannot be read (not UTF-8, a quote left open, a wrong header, too large) fails the
 * import with its errors and registers nothing. Otherwise each row is registered or reported: the
 * rows of one household number are registered in file order by one worker (its household found
 * through its number claim, or created at the row's room), households in parallel, at most
 * {@code concurrency} at a time. A row whose ID number is already registered at that same room is
 * counted as already registered, so the same file imported again registers nothing twice, and an
 * import cut short is finished by importing the file again. The report never holds an ID number, a
 * phone or a name: a row number, a column and a message.
 *
 * <p>Progress (the counts) is written every {@code progressEvery} rows ({@value #PROGRESS_EVERY} deployed). When the invocation has
 * less than {@code safetyMillis} left, the rows not yet started are reported as not reached, and the
 * import ends as done: importing the file again picks them up.
 */
final class ResidentsImport {
    /** The largest file read: about 40,000 rows of the usual shape, twice the largest community. */
    static final int MAX_BYTES = 8 * 1024 * 1024;
    /** How many rows apart the counts are written while an import runs (an UpdateItem each). */
    static final int PROGRESS_EVERY = 500;
    static final String REPORT_CONTENT_TYPE = "text/csv; charset=utf-8";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final ResidentStore store;
    private final DirectoryStore directory;
    private final FileStore files;
    private final Clock clock;
    private final int concurrency;
    private final long safetyMillis;
    private final int progressEvery;

    ResidentsImport(ResidentStore store, DirectoryStore directory, FileStore files, Clock clock, int concurrency, long safetyMillis,
                    int progressEvery) {
        this.progressEvery = progressEvery;
        this.store = store;
        this.directory = directory;
        this.files = files;
        this.clock = clock;
        this.concurrency = concurrency;
        this.safetyMillis = safetyMillis;
    }

    /** What a row came to. */
    private enum Outcome { IMPORTED, ALREADY_REGISTERED, FAILED }

    /**
     * Runs the import {@code importId} of {@code communityId} on its uploaded file of {@code size}
     * bytes; empty when there is no such import or it has finished (a message delivered again).
     */
    Optional<ImportJob> run(String communityId, String importId, long size, LongSupplier remainingMillis) {
        Optional<ImportJob> started = store.startImport(communityId, importId);
        if (started.isEmpty()) {
            Log.info("imports.not_runnable", "communityId", communityId, "importId", importId);
            return Optional.empty();
        }
        ImportJob job = started.get();
        Log.info("imports.started", "communityId", communityId, "importId", importId, "bytes", size);
        if (size > MAX_BYTES) return Optional.of(fail(job, List.of(tooLarge())));
        byte[] csv;
        try {
            csv = files.read(ImportJob.uploadKey(communityId, importId));
        } catch (NoSuchKeyException missing) {
            return Optional.of(fail(job, List.of(new FieldError("body", "import_file_missing"))));
        }
        if (csv.length > MAX_BYTES) return Optional.of(fail(job, List.of(tooLarge())));
        CsvTable table;
        try {
            table = CsvTable.read(csv, ImportRow.REQUIRED, ImportRow.OPTIONAL);
        } catch (Problem unreadable) {
            return Optional.of(fail(job, unreadable.errors()));
        }
        return Optional.of(importRows(job, table, remainingMillis));
    }

    private ImportJob importRows(ImportJob job, CsvTable table, LongSupplier remainingMillis) {
        String c = job.communityId();
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        Map<String, Tag> tags = directory.tags(c).stream().collect(Collectors.toMap(Tag::code, t -> t, (a, b) -> a));
        Map<String, String> gridOfBuilding = directory.buildings(c).stream().collect(Collectors.toMap(Building::id, Building::gridId));
        Set<String> rooms = directory.allRooms(c).stream().map(r -> ImportRow.roomKey(r.buildingId(), r.unitId(), r.id()))
                .collect(Collectors.toSet());
        Map<String, Integer> cadences = new HashMap<>();
        tags.values().stream().filter(t -> t.careCadenceDays() != null).forEach(t -> cadences.put(t.code(), t.careCadenceDays()));

        List<FieldError> errors = new ArrayList<>();
        List<ImportRow> valid = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            ImportRow checked = ImportRow.check(row, tags, rooms, today, errors);
            if (checked != null) valid.add(checked);
        }
        Map<String, List<ImportRow>> households = consistent(valid, errors);
        int rows = table.rows().size();
        int refused = (int) errors.stream().map(ResidentsImport::lineOf).distinct().count();
        AtomicInteger imported = new AtomicInteger();
        AtomicInteger already = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger(refused);
        AtomicInteger processed = new AtomicInteger(refused);
        List<FieldError> rowErrors = java.util.Collections.synchronizedList(new ArrayList<>(errors));
        store.importProgress(c, job.importId(), new ImportJob.Counts(rows, processed.get(), 0, 0, failed.get()));

        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, households.size())),
                Thread.ofPlatform().name("import-", 0).daemon().factory());
        AtomicInteger written = new AtomicInteger(processed.get());
        try {
            CompletionService<Void> done = new ExecutorCompletionService<>(workers);
            for (List<ImportRow> members : households.values()) {
                done.submit(() -> {
                    for (Map.Entry<ImportRow, Outcome> result : household(job, members, gridOfBuilding, cadences, today,
                            remainingMillis, rowErrors).entrySet()) {
                        switch (result.getValue()) {
                            case IMPORTED -> imported.incrementAndGet();
                            case ALREADY_REGISTERED -> already.incrementAndGet();
                            case FAILED -> failed.incrementAndGet();
                        }
                        processed.incrementAndGet();
                    }
                    // The worker that takes the count past the next mark writes it, so every call is a worker's.
                    int now = processed.get();
                    int last = written.get();
                    if (now - last >= progressEvery && written.compareAndSet(last, now)) {
                        store.importProgress(c, job.importId(), new ImportJob.Counts(rows, now, imported.get(), already.get(), failed.get()));
                    }
                    return null;
                });
            }
            for (int i = 0; i < households.size(); i++) done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            workers.shutdownNow();
        }

        ImportJob.Counts counts = new ImportJob.Counts(rows, processed.get(), imported.get(), already.get(), failed.get());
        String reportKey = ImportJob.reportKey(c, job.importId());
        files.write(reportKey, report(rowErrors), REPORT_CONTENT_TYPE);
        store.finishImport(c, job.importId(), ImportStatus.DONE, counts, reportKey, null);
        Log.info("imports.done", "communityId", c, "importId", job.importId(), "rows", rows, "imported", counts.imported(),
                "alreadyRegistered", counts.alreadyRegistered(), "failed", counts.failed());
        return store.importJob(c, job.importId()).orElseThrow();
    }

    /**
     * Registers the rows of one household number in file order: the household found by its number
     * (or created at the first row's room), then each member.
     */
    private Map<ImportRow, Outcome> household(ImportJob job, List<ImportRow> members, Map<String, String> gridOfBuilding,
                                              Map<String, Integer> cadences, LocalDate today, LongSupplier remainingMillis,
                                              List<FieldError> errors) {
        Map<ImportRow, Outcome> outcomes = new LinkedHashMap<>();
        ImportRow first = members.getFirst();
        if (remainingMillis.getAsLong() < safetyMillis) {
            members.forEach(row -> outcomes.put(row, refuse(errors, row, ImportRow.ID_NUMBER, "import_row_not_reached")));
            return outcomes;
        }
        Household household;
        try {
            household = findOrCreate(job.communityId(), first.householdNumber(), first.address(gridOfBuilding.get(first.buildingId())));
        } catch (RuntimeException busy) {
            Log.warn("imports.row_unavailable", "communityId", job.communityId(), "importId", job.importId(), "row", first.line(),
                    "error", errorCode(busy));
            members.forEach(row -> outcomes.put(row, refuse(errors, row, ImportRow.HOUSEHOLD, "import_row_unavailable")));
            return outcomes;
        }
        if (household == null) {
            members.forEach(row -> outcomes.put(row, refuse(errors, row, ImportRow.HOUSEHOLD, "household_number_other_room")));
            return outcomes;
        }
        for (ImportRow row : members) {
            if (remainingMillis.getAsLong() < safetyMillis) {
                outcomes.put(row, refuse(errors, row, ImportRow.ID_NUMBER, "import_row_not_reached"));
                continue;
            }
            outcomes.put(row, register(job, household, row, cadences, today, errors));
        }
        return outcomes;
    }

    /**
     * The household of that number at that room; null when the number is another room's. A creation
     * that failed otherwise (a retried transaction whose first attempt was applied finds its own
     * household there) is looked up by number too, and rethrown when the number is still free.
     */
    private Household findOrCreate(String communityId, String number, Address room) {
        Household household;
        try {
            household = store.createHousehold(communityId, number, room);
        } catch (ResidentStore.HouseholdNumberTaken taken) {
            household = store.householdByNumber(communityId, number).orElse(null);
        } catch (RuntimeException failed) {
            household = store.householdByNumber(communityId, number).orElseThrow(() -> failed);
        }
        return household != null && sameRoom(household.address(), room) ? household : null;
    }

    private Outcome register(ImportJob job, Household household, ImportRow row, Map<String, Integer> cadences, LocalDate today,
                             List<FieldError> errors) {
        var now = clock.instant();
        List<Consent> consents = row.sensitiveTags().stream().map(t -> new Consent(t, row.consentDate(), job.createdBy(), now)).toList();
        NewResident resident = new NewResident(row.name(), row.id().value(), row.id().birthDate(), row.id().gender(), row.phone(),
                row.relation(), row.residenceType(), row.tags(), row.sensitiveTags(), consents, row.notes(),
                row.movedInOn() != null ? row.movedInOn() : today);
        try {
            store.register(job.communityId(), household, resident, job.createdBy(), cadences);
            return Outcome.IMPORTED;
        } catch (ResidentStore.IdNumberTaken taken) {
            Resident holder = taken.holder();
            if (holder != null && sameRoom(holder.address(), household.address())) return Outcome.ALREADY_REGISTERED;
            return refuse(errors, row, ImportRow.ID_NUMBER, "id_number_registered");
        } catch (ResidentStore.HouseholdHasHead head) {
            return refuse(errors, row, ImportRow.RELATION, "household_has_head");
        } catch (RuntimeException failed) {
            return recover(job, household, row, failed, errors);
        }
    }

    /**
     * A registration that failed otherwise than by a rule: a dependency that stayed busy past the
     * SDK's retries, or a retry of a transaction whose first attempt timed out but was applied (its
     * resident now exists, so the retry's condition fails). The row counts as imported when the
     * number is now registered at its room, else it is reported; the import goes on either way.
     */
    private Outcome recover(ImportJob job, Household household, ImportRow row, RuntimeException failed, List<FieldError> errors) {
        try {
            Optional<Resident> stored = store.findByIdHash(job.communityId(), store.idHash(row.id().value()));
            if (stored.isPresent() && sameRoom(stored.get().address(), household.address())) {
                Log.info("imports.row_recovered", "communityId", job.communityId(), "importId", job.importId(), "row", row.line(),
                        "error", errorCode(failed));
                return Outcome.IMPORTED;
            }
        } catch (SdkException stillBusy) {
            // reported below
        }
        Log.warn("imports.row_unavailable", "communityId", job.communityId(), "importId", job.importId(), "row", row.line(),
                "error", errorCode(failed));
        return refuse(errors, row, ImportRow.ID_NUMBER, "import_row_unavailable");
    }

    private static Outcome refuse(List<FieldError> errors, ImportRow row, String column, String code) {
        errors.add(new FieldError(CsvTable.rowField(row.line(), column), code));
        return Outcome.FAILED;
    }

    private static boolean sameRoom(Address a, Address b) {
        return a != null && b != null && a.buildingId().equals(b.buildingId()) && a.unitId().equals(b.unitId())
                && a.roomId().equals(b.roomId());
    }

    /**
     * The valid rows by household number, once each row has been held against the others: an ID
     * number twice in the file, or a household number at two rooms, is an error of the later row.
     */
    private static Map<String, List<ImportRow>> consistent(List<ImportRow> rows, List<FieldError> errors) {
        Map<String, ImportRow> firstOfId = new HashMap<>();
        Map<String, ImportRow> firstOfHousehold = new HashMap<>();
        Map<String, List<ImportRow>> households = new LinkedHashMap<>();
        for (ImportRow row : rows) {
            ImportRow other = firstOfId.putIfAbsent(row.id().value(), row);
            if (other != null) {
                errors.add(new FieldError(CsvTable.rowField(row.line(), ImportRow.ID_NUMBER), "row_duplicate_id_number",
                        Map.of("other", other.line())));
                continue;
            }
            ImportRow household = firstOfHousehold.putIfAbsent(row.householdNumber(), row);
            if (household != null && !household.roomKey().equals(row.roomKey())) {
                errors.add(new FieldError(CsvTable.rowField(row.line(), ImportRow.HOUSEHOLD), "row_household_other_room",
                        Map.of("other", household.line())));
                continue;
            }
            households.computeIfAbsent(row.householdNumber(), k -> new ArrayList<>()).add(row);
        }
        return households;
    }

    private ImportJob fail(ImportJob job, List<FieldError> errors) {
        List<Map<String, Object>> failure = errors.stream().map(e -> Map.<String, Object>of("field", e.field(), "code", e.code(),
                "message", Messages.zh(e.code(), e.args()), "messageEn", Messages.en(e.code(), e.args()))).toList();
        store.finishImport(job.communityId(), job.importId(), ImportStatus.FAILED, ImportJob.Counts.NONE, null, Json.write(failure));
        Log.info("imports.failed", "communityId", job.communityId(), "importId", job.importId(),
                "codes", errors.stream().map(FieldError::code).distinct().toList());
        return store.importJob(job.communityId(), job.importId()).orElseThrow();
    }

    private static FieldError tooLarge() {
        return new FieldError("body", "import_file_too_large", Map.of("max", MAX_BYTES));
    }

    /** The report: a header and one line per error, by row; no cell holds a value of the file. */
    static byte[] report(List<FieldError> errors) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("行号", "列", "问题"));
        errors.stream().sorted(Comparator.comparingInt(ResidentsImport::lineOf).thenComparing(FieldError::field))
                .forEach(e -> lines.add(List.of(Integer.toString(lineOf(e)), columnOf(e), Messages.zh(e.code(), e.args()))));
        return CsvWriter.write(lines);
    }

    /** {@code rows[12].姓名} → 12. */
    private static int lineOf(FieldError e) {
        String field = e.field();
        return Integer.parseInt(field.substring(field.indexOf('[') + 1, field.indexOf(']')));
    }

    /** {@code rows[12].姓名} → 姓名. */
    private static String columnOf(FieldError e) {
        int dot = e.field().indexOf("].");
        return dot < 0 ? "" : e.field().substring(dot + 2);
    }

    /** The AWS error code of a failed call (ThrottlingException, ...), or its class when there was no answer (a timeout). */
    private static String errorCode(RuntimeException e) {
        return e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null ? aws.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
    }
}
