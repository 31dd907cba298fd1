package community.linli.residents;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.auth.Caller;
import community.linli.platform.auth.Role;
import community.linli.tables.residents.Address;
import community.linli.tables.residents.Consent;
import community.linli.tables.residents.Gender;
import community.linli.tables.residents.Relation;
import community.linli.tables.residents.ResidenceType;
import community.linli.tables.residents.Resident;
import community.linli.tables.residents.ResidentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a resident looks like to whom, without AWS. */
class ResidentViewTest {
    static final Instant NOW = Instant.parse("2026-11-30T01:00:00Z");
    static final Resident ELDERLY = new Resident("demo", "r-1", "hh-1", new Address("G03", "B0301", "1", "302"), "李桂英",
            LocalDate.of(1941, 3, 9), Gender.FEMALE, Relation.PARENT, ResidenceType.PERMANENT, List.of("elderly_alone", "elderly_80"),
            List.of("elderly_alone"), List.of(new Consent("elderly_alone", LocalDate.of(2026, 11, 20), "gw", NOW)), null,
            ResidentStatus.ACTIVE, 1, NOW, NOW, "lf1.sealed", "6301**********0269", "hash", null, null, null);

    static Caller caller(Set<Role> roles, Set<String> grids) {
        return new Caller("someone", "demo", roles, grids);
    }

    @Test
    void staffAndTheGridWorkerOfTheGrid_seeSensitiveTagsAndTheirConsents() {
        for (Caller c : List.of(caller(Set.of(Role.STAFF), Set.of()), caller(Set.of(Role.ADMIN), Set.of()),
                caller(Set.of(Role.GRID_WORKER), Set.of("G03")))) {
            ResidentView view = ResidentView.of(c, ELDERLY, null);
            assertThat(view.tags()).containsExactly("elderly_alone", "elderly_80");
            assertThat(view.consents()).hasSize(1);
        }
    }

    @Test
    void anyoneElse_seesOnlyTheOrdinaryTags_andNoConsent() {
        ResidentView view = ResidentView.of(caller(Set.of(Role.GRID_WORKER), Set.of("G05")), ELDERLY, null);

        assertThat(view.tags()).containsExactly("elderly_80");
        assertThat(view.consents()).isEmpty();
    }

    @Test
    void theIdNumberIsAlwaysMasked_andATombstoneShowsNothingPersonal() {
        assertThat(ResidentView.of(caller(Set.of(Role.ADMIN), Set.of()), ELDERLY, null).idNumber()).isEqualTo("6301**********0269");
        Resident erased = new Resident("demo", "r-1", null, null, null, null, null, null, null, List.of(), List.of(), List.of(), null,
                ResidentStatus.ERASED, 3, NOW, NOW, null, null, null, null, null, null);

        ResidentView view = ResidentView.of(caller(Set.of(Role.ADMIN), Set.of()), erased, null);

        assertThat(view.status()).isEqualTo("erased");
        assertThat(view.name()).isNull();
        assertThat(view.idNumber()).isNull();
        assertThat(view.tags()).isNull();
    }
}
