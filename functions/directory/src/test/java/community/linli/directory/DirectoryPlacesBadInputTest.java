package community.linli.directory;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input to the place routes: a 4xx problem naming every bad field, and nothing written. */
@ExtendWith(MotoExtension.class)
class DirectoryPlacesBadInputTest {
    DirectoryApi api;
    Persona staff = Persona.staff();
    int itemsBefore;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new DirectoryApi(aws);
        itemsBefore = api.itemCount();
    }

    private List<String> refused(HttpEvents events) {
        var reply = api.reply(events, staff).expect(400);
        assertThat(api.itemCount()).as("nothing written").isEqualTo(itemsBefore);
        return reply.errorFields();
    }

    private static Map<String, Object> building(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) body.put((String) pairs[i], pairs[i + 1]);
        return body;
    }

    @Test
    void putGrid_withABadIdAndNoName_names400Both() {
        assertThat(refused(DirectoryApi.putGrid("G 03", Map.of()))).containsExactlyInAnyOrder("gridId", "name");
        assertThat(refused(DirectoryApi.putGrid("G03", Map.of("name", "网".repeat(33))))).containsExactly("name");
        assertThat(refused(DirectoryApi.putGrid("G".repeat(33), Map.of("name", "x")))).containsExactly("gridId");
    }

    @Test
    void putBuilding_withoutNameGridOrVersion_names400Each() {
        assertThat(refused(DirectoryApi.putBuilding("B0301", Map.of()))).containsExactlyInAnyOrder("name", "gridId", "version");
    }

    @Test
    void putBuilding_withCoordinatesOutOfRangeOrOnlyOne_names400Them() {
        assertThat(refused(DirectoryApi.putBuilding("B0301", building("name", "1号楼", "gridId", "G03", "version", 1,
                "latitude", 91, "longitude", 181)))).containsExactlyInAnyOrder("latitude", "longitude");
        assertThat(refused(DirectoryApi.putBuilding("B0301", building("name", "1号楼", "gridId", "G03", "version", 1,
                "latitude", 31.2)))).containsExactly("longitude");
    }

    @Test
    void putBuilding_inAGridTheCommunityLacks_returns400UnknownGrid() {
        var reply = api.reply(DirectoryApi.putBuilding("B0301", building("name", "1号楼", "gridId", "G99", "version", 1)), staff).expect(400);

        assertThat(reply.errorFields()).containsExactly("gridId");
        assertThat(reply.body().at("/errors/0/code").asText()).isEqualTo("unknown_grid");
        assertThat(api.itemCount()).isEqualTo(itemsBefore);
    }

    @Test
    void putBuilding_withABadPathIdAndANegativeVersion_names400Both() {
        assertThat(refused(DirectoryApi.putBuilding("B/1", building("name", "1号楼", "gridId", "G03", "version", -1))))
                .containsExactlyInAnyOrder("buildingId", "version");
    }

    @Test
    void putBuilding_withUnknownFieldsOrMalformedJson_returns400() {
        assertThat(refused(DirectoryApi.putBuilding("B0301", building("name", "1号楼", "gridId", "G03", "version", 1, "floors", 18))))
                .containsExactly("floors");
        assertThat(refused(DirectoryApi.putBuilding("B0301", "{\"name\":"))).containsExactly("body");
    }

    @Test
    void putUnitAndRoom_withBadIdsOrAnOverlongName_name400Them() {
        assertThat(refused(DirectoryApi.putUnit("B0301", "单元1", Map.of("name", "网".repeat(33)))))
                .containsExactlyInAnyOrder("unitId", "name");
        assertThat(refused(DirectoryApi.putRoom("B0301", "1", "1 01", Map.of("name", " "))))
                .containsExactlyInAnyOrder("roomId", "name");
    }

    @Test
    void listBuildingsAndRooms_withBadOrUnknownQueryParameters_name400Them() {
        assertThat(refused(DirectoryApi.listBuildings().query("gridId", "G 3").query("page", "2")))
                .containsExactlyInAnyOrder("gridId", "page");
        assertThat(refused(DirectoryApi.listRooms("B0301").query("unitId", "一"))).containsExactly("unitId");
    }

    @Test
    void putGrid_withAnotherContentType_returns415() {
        var reply = api.reply(DirectoryApi.putGrid("G03", Map.of("name", "x")).header("content-type", "text/plain"), staff).expect(415);

        assertThat(reply.errorFields()).containsExactly("Content-Type");
        assertThat(api.itemCount()).isEqualTo(itemsBefore);
    }
}
