package community.linli.staff;

import community.linli.platform.Log;
import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.platform.http.Check;
import community.linli.platform.http.Problem;
import community.linli.tables.staff.AlertPreferences;
import community.linli.tables.staff.StaffMember;
import community.linli.tables.staff.StaffStore;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A member's own alert preferences ({@code /me/alert-preferences}): staff, admins and grid workers
 * whose token carries the staff id of an active member of their community's registry (403
 * {@code not_in_directory} otherwise, before the body is read). Reading is one GetItem; a change
 * is the GetItem and one PutItem on the member's version.
 */
final class MyAlerts {
    /** What a person is shown: every kind with its channels, their grids, and the ones they chose (absent: all). */
    record AlertPreferencesView(String staffId, Map<String, AlertPreferences.Choice> kinds, List<String> gridIds, List<String> grids) {}

    private final StaffStore store;

    MyAlerts(StaffStore store) {
        this.store = store;
    }

    AlertPreferencesView get(Caller caller) {
        return view(me(caller));
    }

    AlertPreferencesView put(Caller caller, Supplier<AlertPreferencesBody> input) {
        StaffMember me = me(caller);
        AlertPreferences chosen = input.get().toPreferences();
        Check check = Check.of();
        if (chosen.grids() != null) {
            for (int i = 0; i < chosen.grids().size(); i++) {
                if (!me.gridIds().contains(chosen.grids().get(i))) check.add("grids[" + i + "]", "grid_not_covered");
            }
        }
        check.done();
        StaffMember stored = store.setAlertPreferences(me, chosen);
        Log.info("staff.alert_preferences_set", "communityId", caller.communityId(), "staffId", me.staffId(),
                "kinds", chosen.kinds().size(), "grids", chosen.grids() == null ? -1 : chosen.grids().size());
        return view(stored);
    }

    private StaffMember me(Caller caller) {
        caller.require(Role.STAFF, Role.ADMIN, Role.GRID_WORKER);
        if (caller.staffId() == null) throw Problem.forbidden("not_in_directory");
        return store.get(caller.communityId(), caller.staffId()).filter(StaffMember::active)
                .orElseThrow(() -> Problem.forbidden("not_in_directory"));
    }

    private static AlertPreferencesView view(StaffMember member) {
        AlertPreferences preferences = member.alertPreferences();
        return new AlertPreferencesView(member.staffId(), preferences.effective(), member.gridIds(), preferences.grids());
    }
}
