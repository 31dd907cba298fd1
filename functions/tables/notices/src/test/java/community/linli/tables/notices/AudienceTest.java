package community.linli.tables.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AudienceTest {

    @Test
    void keys_areOnePerGrid_orOneForTheCommunityOrTheTag() {
        assertThat(Audience.community().keys()).containsExactly("ALL");
        assertThat(Audience.grids(List.of("G03", "G04")).keys()).containsExactly("G#G03", "G#G04");
        assertThat(Audience.tag("elderly_alone").keys()).containsExactly("T#elderly_alone");
    }

    @Test
    void keysOf_aReader_areTheCommunityTheirGridsAndTheirTags_eachListOnce() {
        assertThat(Audience.keysOf(Set.of("G03"), Set.of("elderly_80", "elderly_alone")))
                .containsExactly("ALL", "G#G03", "T#elderly_80", "T#elderly_alone");
        assertThat(Audience.keysOf(Set.of(), Set.of())).containsExactly("ALL");
    }

    @Test
    void reaches_matchesAKeyTheReaderReads() {
        var grids = Audience.grids(List.of("G03", "G04"));

        assertThat(grids.reaches(Set.of("G04"), Set.of())).isTrue();
        assertThat(grids.reaches(Set.of("G05"), Set.of("elderly_alone"))).isFalse();
        assertThat(Audience.tag("elderly_alone").reaches(Set.of("G05"), Set.of("elderly_alone"))).isTrue();
        assertThat(Audience.tag("elderly_alone").reaches(Set.of("G03"), Set.of())).isFalse();
        assertThat(Audience.community().reaches(Set.of(), Set.of())).isTrue();
    }
}
