package community.linli.tables.staff;

import java.util.List;

/** A community's duty, its dated rosters included, and its members, as one Query of the registry's partition reads them. */
public record DutyAndMembers(Duty duty, List<StaffMember> members) {
    public DutyAndMembers {
        members = List.copyOf(members);
    }
}
