package community.linli.residents;

import static community.linli.residents.ResidentsHandlerTest.resident;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grid statistics: counted from the active residents of each grid, for the grids the caller covers. */
@ExtendWith(MotoExtension.class)
class ResidentStatisticsTest {
    ResidentsApi api;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new ResidentsApi(aws);
    }

    @Test
    void staff_seeEveryGridOfTheCommunity_andTheCommunityTotal() {
        api.register(Persona.staff(), with(resident(api.householdInG05("101"), IdNumbers.fresh(), "head"), "tags", List.of("veteran")))
                .expect(201);

        JsonNode stats = api.statistics(Persona.staff(), Map.of()).expect(200).body();

        assertThat(stats.get("scope").asText()).isEqualTo("community");
        assertThat(gridIds(stats)).hasSize(DemoCommunity.grids().size());
        JsonNode g03 = grid(stats, "G03");
        assertThat(g03.get("population").asInt()).isEqualTo(4);
        assertThat(g03.get("households").asInt()).isEqualTo(2);
        assertThat(g03.get("tags")).hasToString("{\"elderly_80\":1,\"elderly_alone\":1}");
        assertThat(g03.get("residenceTypes")).hasToString("{\"floating\":1,\"permanent\":3}");
        assertThat(grid(stats, "G05").get("tags")).hasToString("{\"veteran\":1}");
        assertThat(stats.get("total").get("population").asInt()).isEqualTo(5);
        assertThat(stats.get("total").get("households").asInt()).isEqualTo(3);
        assertThat(stats.get("total").get("tags")).hasToString("{\"elderly_80\":1,\"elderly_alone\":1,\"veteran\":1}");
    }

    @Test
    void aGridWorker_seesTheirGridsOnly_andAnotherGridIs403() {
        api.register(Persona.staff(), resident(api.householdInG05("101"), IdNumbers.fresh(), "head")).expect(201);

        JsonNode mine = api.statistics(ResidentsApi.gridWorker(), Map.of()).expect(200).body();
        var other = api.statistics(ResidentsApi.gridWorker(), Map.of("grid", "G05"));

        assertThat(mine.get("scope").asText()).isEqualTo("my_grids");
        assertThat(gridIds(mine)).containsExactly("G03");
        assertThat(mine.get("total").get("population").asInt()).as("G05's resident is not in their total").isEqualTo(4);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body().toString()).doesNotContain("population");
    }

    @Test
    void movingOut_takesAResidentOutOfTheCounts_andTheirTagsWithThem() {
        api.move(ResidentsApi.gridWorker(), DemoCommunity.ELDERLY_ID, Map.of("kind", "move_out", "version", 1)).expect(200);

        JsonNode g03 = api.statistics(ResidentsApi.gridWorker(), Map.of("grid", "G03")).expect(200).body();

        assertThat(g03.get("scope").asText()).isEqualTo("grid");
        assertThat(g03.get("total").get("population").asInt()).isEqualTo(3);
        assertThat(g03.get("total").get("tags")).hasToString("{}");
    }

    @Test
    void aGridsCounts_areOneQuery_andTheCommunitysOnePerGridAndOneForTheGridList() {
        assertThat(api.dynamoTrips.during(() -> api.statistics(Persona.staff(), Map.of("grid", "G03")).expect(200)))
                .isEqualTo(Map.of("Query", 1));
        assertThat(api.dynamoTrips.during(() -> api.statistics(Persona.staff(), Map.of()).expect(200)))
                .isEqualTo(Map.of("Query", 1 + DemoCommunity.grids().size()));
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    static List<String> gridIds(JsonNode stats) {
        List<String> ids = new ArrayList<>();
        stats.get("grids").forEach(g -> ids.add(g.get("gridId").asText()));
        return ids;
    }

    static JsonNode grid(JsonNode stats, String gridId) {
        for (JsonNode g : stats.get("grids")) if (g.get("gridId").asText().equals(gridId)) return g;
        throw new AssertionError(gridId + " missing: " + stats);
    }
}
