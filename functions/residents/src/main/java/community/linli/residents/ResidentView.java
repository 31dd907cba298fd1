package community.linli.residents;

import community.linli.platform.auth.Caller;
import community.linli.tables.residents.Consent;
import community.linli.tables.residents.Move;
import community.linli.tables.residents.Resident;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A resident as the API shows them: the ID number ({@code 6301**********123X}) and phone
 * ({@code 138****5678}) always masked (the full values only through a reveal, which is audited).
 * Sensitive tags, and the consents that would name them, only to the community's staff and the
 * grid worker of the resident's grid. An erased resident is its id, status and times alone.
 * {@code moves} (oldest first) only when one resident is read.
 */
record ResidentView(String id, String status, String householdId, String gridId, String buildingId, String unitId,
                    String roomId, String name, String idNumber, LocalDate birthDate, String gender, String phone,
                    String relation, String relationLabel, String residenceType, String residenceTypeLabel,
                    List<String> tags, List<ConsentView> consents, String notes, long version, Instant createdAt,
                    Instant updatedAt, List<MoveView> moves) {

    record ConsentView(String tag, LocalDate date, String recordedBy, Instant recordedAt) {
        static ConsentView of(Consent c) {
            return new ConsentView(c.tag(), c.date(), c.recordedBy(), c.recordedAt());
        }
    }

    record MoveView(String kind, LocalDate date, String fromHouseholdId, String toHouseholdId, String by, Instant at) {
        static MoveView of(Move m) {
            return new MoveView(m.kind().wire(), m.date(), m.fromHouseholdId(), m.toHouseholdId(), m.by(), m.at());
        }
    }

    record Page(List<ResidentView> items, String nextCursor) {}

    record Items(List<ResidentView> items) {}

    static ResidentView of(Caller caller, Resident r, List<Move> moves) {
        List<MoveView> history = moves == null ? null : moves.stream().map(MoveView::of).toList();
        if (r.address() == null) {
            return new ResidentView(r.residentId(), r.status().wire(), null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, r.version(), r.createdAt(), r.updatedAt(), history);
        }
        boolean seesSensitive = caller.coversGrid(r.address().gridId());
        List<String> tags = seesSensitive ? r.tags() : r.tags().stream().filter(t -> !r.sensitiveTags().contains(t)).toList();
        List<ConsentView> consents = seesSensitive ? r.consents().stream().map(ConsentView::of).toList() : List.of();
        return new ResidentView(r.residentId(), r.status().wire(), r.householdId(), r.address().gridId(), r.address().buildingId(),
                r.address().unitId(), r.address().roomId(), r.name(), r.maskedIdNumber(), r.birthDate(), r.gender().wire(),
                r.maskedPhone(), r.relation().wire(), r.relation().label(), r.residenceType().wire(), r.residenceType().label(),
                tags, consents, r.notes(), r.version(), r.createdAt(), r.updatedAt(), history);
    }
}
