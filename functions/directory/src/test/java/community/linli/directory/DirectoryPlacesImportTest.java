package community.linli.directory;

import static community.linli.directory.DirectoryApi.importPlaces;
import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.directory.Building;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /places/import}: a CSV of rooms, all or nothing, and the same file twice changes nothing. */
@ExtendWith(MotoExtension.class)
class DirectoryPlacesImportTest {
    static final String HEADER = "网格,网格名称,楼栋,楼栋名称,纬度,经度,单元,房号\n";
    DirectoryApi api;
    Persona admin = Persona.admin();
    int itemsBefore;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new DirectoryApi(aws);
        itemsBefore = api.itemCount();
    }

    @Test
    void theFixture_createsItsGridBuildingUnitsAndRooms() {
        var reply = api.reply(HttpEvents.from("directory-import-places.json"), admin).expect(200);

        assertThat(reply.body().get("rows").asInt()).isEqualTo(3);
        assertThat(reply.body().get("gridsCreated").asInt()).isEqualTo(1);
        assertThat(reply.body().get("buildingsCreated").asInt()).isEqualTo(1);
        assertThat(reply.body().get("unitsCreated").asInt()).isEqualTo(2);
        assertThat(reply.body().get("roomsCreated").asInt()).isEqualTo(3);
        assertThat(api.store.grid("demo", "G16").orElseThrow().name()).isEqualTo("第16网格");
        assertThat(api.store.building("demo", "B1601").orElseThrow())
                .isEqualTo(new Building("B1601", "G16", "61号楼", 31.229, 121.45));
        assertThat(api.store.rooms("demo", "B1601", null)).extracting(r -> r.unitId() + "/" + r.id())
                .containsExactly("1/101", "1/102", "2/101");
        assertThat(api.store.units("demo", "B1601")).hasSize(2);
    }

    @Test
    void theSameFileAgain_writesNothingAndSaysSo() {
        api.reply(HttpEvents.from("directory-import-places.json"), admin).expect(200);
        var itemsAfterFirst = api.items();

        var again = api.reply(HttpEvents.from("directory-import-places.json"), admin).expect(200);

        assertThat(again.body().get("rows").asInt()).isEqualTo(3);
        assertThat(List.of("gridsCreated", "buildingsCreated", "unitsCreated", "roomsCreated"))
                .allSatisfy(field -> assertThat(again.body().get(field).asInt()).as(field).isZero());
        assertThat(api.items()).containsExactlyInAnyOrderElementsOf(itemsAfterFirst);
    }

    @Test
    void aFileWithExistingPlaces_addsOnlyWhatIsMissing_andLeavesStoredNamesAlone() {
        var reply = api.reply(importPlaces(HEADER + "G03,,B0301,别的名字,,,1,101\nG03,,B0301,,,,3,301\n"), admin).expect(200);

        assertThat(reply.body().get("buildingsCreated").asInt()).isZero();
        assertThat(reply.body().get("unitsCreated").asInt()).as("unit 1 of B0301 exists").isEqualTo(1);
        assertThat(reply.body().get("roomsCreated").asInt()).isEqualTo(2);
        assertThat(api.store.building("demo", "B0301").orElseThrow().name()).isEqualTo(DemoCommunity.building("B0301").name());
    }

    @Test
    void aGridTheCommunityLacks_isCreatedNamedByItsIdWhenNoNameIsGiven() {
        api.reply(importPlaces(HEADER + "G99,,B9901,,,,1,101\n"), admin).expect(200);

        assertThat(api.store.grid("demo", "G99").orElseThrow().name()).isEqualTo("G99");
        assertThat(api.store.building("demo", "B9901").orElseThrow().name()).isEqualTo("B9901");
    }

    @Test
    void badRows_refuseTheWholeFile_namingEachCellByLineAndColumnInChinese_andNothingIsWritten() {
        String csv = HEADER
                + "G16,第16网格,B1601,61号楼,31.229,121.45,1,101\n"   // line 2: good
                + ",第16网格,B1601,61号楼,31.229,121.45,1,102\n"      // 3: no grid
                + "G16,第16网格,B1601,61号楼,31.229,121.45,1,1 02\n"  // 4: bad room id
                + "G16,第16网格,B1601,61号楼,91,121.45,1,103\n"       // 5: latitude out of range
                + "G16,第16网格,B1601,61号楼,31.229,121.45,1,101\n"   // 6: room of line 2 again
                + "G17,第17网格,B1601,61号楼,31.229,121.45,1,104\n"   // 7: same building, other grid
                + "G03,,B0302,,,,1,105\n"                             // 8: good, a stored building in its grid
                + "G04,,B0303,,,,1,105\n"                             // 9: B0303 is stored in G03
                + "G03,,B0302,,31.2,,1,106\n";                        // 10: a latitude without a longitude

        var reply = api.reply(importPlaces(csv), admin).expect(400);

        assertThat(reply.errorFields()).containsExactly("rows[3].网格", "rows[4].房号", "rows[5].纬度", "rows[10].经度",
                "rows[6].房号", "rows[7].网格", "rows[9].网格");
        assertThat(reply.body().at("/errors/0/message").asText()).isEqualTo("第 3 行“网格”不能为空");
        assertThat(reply.body().at("/errors/4/message").asText()).isEqualTo("第 6 行与第 2 行是同一房间");
        assertThat(reply.body().at("/errors/6/code").asText()).isEqualTo("row_building_in_other_grid");
        assertThat(reply.body().at("/errors/6/message").asText()).contains("B0303").contains("G03");
        assertThat(api.itemCount()).as("nothing written").isEqualTo(itemsBefore);
    }

    @Test
    void excelsGbkCsv_isRefusedWithHowToSaveItAsUtf8_andNothingIsWritten() {
        byte[] gbk = (HEADER + "G16,第16网格,B1601,61号楼,,,1,101\n").getBytes(Charset.forName("GBK"));

        var reply = api.reply(importPlaces(gbk), admin).expect(400);

        assertThat(reply.errorFields()).containsExactly("body");
        assertThat(reply.body().at("/errors/0/message").asText()).contains("UTF-8");
        assertThat(api.itemCount()).isEqualTo(itemsBefore);
    }

    @Test
    void aUtf8ByteOrderMark_isAccepted() {
        byte[] csv = ("\uFEFF" + HEADER + "G03,,B0301,,,,5,501\n").getBytes(StandardCharsets.UTF_8);

        api.reply(importPlaces(csv), admin).expect(200);

        assertThat(api.store.room("demo", "B0301", "5", "501")).isPresent();
    }

    @Test
    void anOpenQuoteOrAWrongHeader_isRefusedNamingBodyOrHeader() {
        var quote = api.reply(importPlaces(HEADER + "G03,\"第3网格,B0301,,,,5,501\n"), admin).expect(400);
        var header = api.reply(importPlaces("楼栋,单元,房号\nB0301,5,501\n"), admin).expect(400);

        assertThat(quote.errorFields()).containsExactly("body");
        assertThat(quote.body().at("/errors/0/code").asText()).isEqualTo("csv_unclosed_quote");
        assertThat(header.errorFields()).containsExactly("header");
        assertThat(header.body().at("/errors/0/message").asText()).isEqualTo("表头缺少“网格”列");
        assertThat(api.itemCount()).isEqualTo(itemsBefore);
    }

    @Test
    void anotherContentType_is415_andAFileOver1MiB_is413() {
        var json = api.reply(importPlaces(HEADER).header("content-type", "application/json"), admin).expect(415);
        byte[] big = new byte[PlacesImport.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        var tooBig = api.reply(importPlaces(big), admin).expect(413);

        assertThat(json.errorFields()).containsExactly("Content-Type");
        assertThat(tooBig.errorFields()).containsExactly("body");
        assertThat(api.itemCount()).isEqualTo(itemsBefore);
    }

    @Test
    void aWholeCommunityOf7000Rooms_fitsInOneFile_andImports() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int b = 1; b <= 70; b++) {
            for (int unit = 1; unit <= 4; unit++) {
                for (int room = 1; room <= 25; room++) {
                    csv.append(String.format("G%02d,第%d网格,X%03d,%d号楼,31.2%03d,121.4%03d,%d,%d%02d%n",
                            b % 15 + 20, b % 15 + 20, b, b, b, b, unit, room / 2 + 1, room));
                }
            }
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);

        var reply = api.reply(importPlaces(body), admin).expect(200);

        assertThat(body.length).isLessThan(PlacesImport.MAX_BYTES);
        assertThat(reply.body().get("roomsCreated").asInt()).isEqualTo(7000);
        assertThat(reply.body().get("gridsCreated").asInt()).isEqualTo(15);
        assertThat(api.store.rooms(DemoCommunity.ID, "X070", null)).hasSize(100);
    }
}
