package community.linli.directory;

import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.tables.directory.Building;
import community.linli.tables.directory.Category;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.QuietHours;
import community.linli.tables.directory.WorkCalendar;
import community.linli.platform.http.Check;
import community.linli.platform.http.Problem;
import community.linli.platform.http.StaleVersionException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the directory routes do, apart from HTTP: who may act, what is checked, what is written.
 *
 * <p>Every route asks who the caller is, and whether they may see what the path names, before it
 * looks at the input, so that a caller without the role learns nothing from validation and one who
 * may not see a building gets 404 whatever query they send. Inputs therefore arrive as suppliers,
 * read only once the caller may act; a path parameter and the body are checked in the same round.
 */
final class Directory {
    static final Pattern CODE = community.linli.tables.directory.Category.CODE;
    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2100;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private final DirectoryStore store;
    private final BuildingQr qr;

    Directory(DirectoryStore store, BuildingQr qr) {
        this.store = store;
        this.qr = qr;
    }

    record Saved(CategoryView category, boolean created) {}

    record QrImage(byte[] png, String filename) {}

    CategoryView.CategoryList categories(Caller caller) {
        caller.require(Role.RESIDENT, Role.GRID_WORKER, Role.STAFF, Role.ADMIN);
        boolean all = caller.isStaff();
        return new CategoryView.CategoryList(store.categories(caller.communityId()).stream()
                .filter(c -> all || c.enabled())
                .map(c -> CategoryView.of(c, all))
                .toList());
    }

    Saved putCategory(Caller caller, String code, Supplier<PutCategoryBody> input) {
        caller.require(Role.ADMIN);
        PutCategoryBody body = read(Check.of().matches("code", code, CODE), input);
        Category saved;
        try {
            saved = store.saveCategory(caller.communityId(), body.toCategory(code), body.version());
        } catch (StaleVersionException stale) {
            Log.info("category.version_conflict", "communityId", caller.communityId(), "code", code,
                    "sent", body.version(), "current", stale.currentVersion());
            throw stale;
        }
        boolean created = body.version() == 0;
        Log.info("category.saved", "communityId", caller.communityId(), "code", code,
                "version", saved.version(), "enabled", saved.enabled());
        return new Saved(CategoryView.of(saved, true), created);
    }

    CalendarView calendar(Caller caller, String rawYear) {
        caller.require(Role.STAFF, Role.ADMIN);
        Check check = Check.of();
        int year = year(check, rawYear);
        check.done();
        return store.calendar(caller.communityId(), year)
                .map(CalendarView::of)
                .orElseGet(() -> CalendarView.unset(year));
    }

    CalendarView putCalendar(Caller caller, String rawYear, Supplier<PutCalendarBody> input) {
        caller.require(Role.ADMIN);
        Check check = Check.of();
        int year = year(check, rawYear);
        WorkCalendar calendar = read(check, input).toCalendar(year);
        store.putCalendar(caller.communityId(), calendar);
        Log.info("calendar.saved", "communityId", caller.communityId(), "year", year,
                "holidays", calendar.holidays().size(), "workdays", calendar.workdays().size());
        return CalendarView.of(calendar);
    }

    QuietHoursView quietHours(Caller caller) {
        caller.require(Role.STAFF, Role.ADMIN, Role.GRID_WORKER);
        return store.quietHours(caller.communityId()).map(QuietHoursView::of).orElseGet(QuietHoursView::ofDefault);
    }

    QuietHoursView putQuietHours(Caller caller, Supplier<PutQuietHoursBody> input) {
        caller.require(Role.ADMIN);
        QuietHours hours = input.get().toQuietHours();
        store.putQuietHours(caller.communityId(), hours);
        Log.info("quiet_hours.saved", "communityId", caller.communityId(), "start", hours.start(), "end", hours.end());
        return QuietHoursView.of(hours);
    }

    QrImage qr(Caller caller, String buildingId, Supplier<QrOptions> input) {
        caller.require(Role.STAFF, Role.ADMIN, Role.GRID_WORKER);
        Building building = (QrOptions.ID.matcher(buildingId).matches()
                ? store.building(caller.communityId(), buildingId) : Optional.<Building>empty())
                .orElseThrow(Problem::notFound);
        if (!caller.coversGrid(building.gridId())) throw Problem.forbidden("grid_not_covered");
        QrOptions options = input.get();
        String url = qr.url(caller.communityId(), building.id(), options.unitId(), options.roomId());
        byte[] png = qr.png(url, options.pixels());
        Log.info("qr.rendered", "communityId", caller.communityId(), "buildingId", building.id(),
                "size", options.pixels(), "bytes", png.length);
        return new QrImage(png, options.filename(building.id()));
    }

    /** The year of a path, 2000 to 2100; the error names {@code year}. */
    private static int year(Check check, String raw) {
        if (raw == null || !DIGITS.matcher(raw).matches()) {
            check.add("year", "invalid_type", Map.of("expected", "integer"));
            return 0;
        }
        int year = Integer.parseInt(raw);
        check.range("year", year, MIN_YEAR, MAX_YEAR);
        return year;
    }

    /**
     * Reads the body once the path has been checked into {@code path}: a 400 then lists what is
     * wrong with both. Other failures of the body (413, 415) stand on their own.
     */
    static <T> T read(Check path, Supplier<T> body) {
        T value;
        try {
            value = body.get();
        } catch (Problem problem) {
            if (path.valid() || problem.kind() != Problem.Kind.VALIDATION) throw problem;
            problem.errors().forEach(error -> path.add(error.field(), error.code(), error.args()));
            path.done();
            throw problem;
        }
        path.done();
        return value;
    }
}
