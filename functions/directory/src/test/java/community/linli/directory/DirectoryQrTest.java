package community.linli.directory;

import static community.linli.testkit.ProblemBodies.assertProblem;
import static community.linli.testkit.ProblemBodies.codes;
import static community.linli.testkit.ProblemBodies.json;
import static community.linli.directory.DirectoryApi.qr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.ResultMetadataType;
import community.linli.platform.qr.Png;
import community.linli.testkit.HttpEvents;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import community.linli.testkit.QrImages;
import community.linli.testkit.Repo;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

@ExtendWith(MotoExtension.class)
class DirectoryQrTest {
    static final String B0301 = "B0301";

    DirectoryApi api;

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new DirectoryApi(aws);
    }

    // ------------------------------------------------------------------ the round trip

    @Test
    void qr_forABuildingAsStaff_returnsAPngWhoseCodeOpensTheSubmitPageWithTheBuilding() {
        var response = api.call(qr(Persona.staff(), B0301, Map.of()));

        assertThat(response.getHeaders()).containsEntry("Content-Type", "image/png")
                .containsEntry("Content-Disposition", "inline; filename=\"B0301.png\"")
                .containsEntry("Cache-Control", "no-store");
        assertThat(QrImages.text(QrImages.png(response))).isEqualTo("https://linli.community/m/submit?v=1&c=demo&b=B0301");
    }

    @Test
    void qr_forAUnitAndRoom_carriesThemInTheUrlAndNamesTheFileAfterTheUnit() {
        var response = api.call(qr(Persona.staff(), B0301, Map.of("unitId", "2", "roomId", "1502")));

        assertThat(response.getHeaders()).containsEntry("Content-Disposition", "inline; filename=\"B0301-2.png\"");
        assertThat(QrImages.text(QrImages.png(response))).isEqualTo("https://linli.community/m/submit?v=1&c=demo&b=B0301&u=2&r=1502");
    }

    @Test
    void qr_forARoomWithoutAUnit_carriesTheRoomOnly() {
        var response = api.call(qr(Persona.staff(), B0301, Map.of("roomId", "101")));

        assertThat(QrImages.text(QrImages.png(response))).isEqualTo("https://linli.community/m/submit?v=1&c=demo&b=B0301&r=101");
    }

    @Test
    void qr_usesErrorCorrectionLevelM() {
        var response = api.call(qr(Persona.staff(), B0301, Map.of()));

        var result = QrImages.decode(QrImages.png(response));

        assertThat(result.getResultMetadata()).containsEntry(ResultMetadataType.ERROR_CORRECTION_LEVEL, "M");
    }

    @Test
    void qr_textMatchesThePayloadFormatDocumentedInOpenapi() throws IOException {
        String pattern = documentedPayloadPattern();

        var response = api.call(qr(Persona.staff(), B0301, Map.of("unitId", "2", "roomId", "1502")));

        assertThat(QrImages.text(QrImages.png(response))).matches(pattern);
    }

    @Test
    void qr_fromTheFunctionAsTheTemplateConfiguresIt_opensTheDefaultQrBaseUrl() {
        DirectoryHandler deployed = api.aws.construct("DirectoryFunction", DirectoryHandler::new);

        var response = DirectoryApi.call(deployed, qr(Persona.staff(), "B1504", Map.of()));

        assertThat(QrImages.text(QrImages.png(response))).isEqualTo("https://linli.community/m/submit?v=1&c=demo&b=B1504");
    }

    @ParameterizedTest(name = "size {0}")
    @CsvSource({"128", "512", "777", "1024"})
    void qr_ofASize_isASquare1BitGrayscalePngOfThatManyPixels(int size) {
        var response = api.call(qr(Persona.staff(), B0301, Map.of("size", Integer.toString(size))));

        byte[] png = QrImages.png(response);
        var chunks = QrImages.chunks(png);
        ByteBuffer ihdr = ByteBuffer.wrap(chunks.getFirst().data());
        assertThat(ihdr.getInt()).as("width").isEqualTo(size);
        assertThat(ihdr.getInt()).as("height").isEqualTo(size);
        assertThat(ihdr.get()).as("bit depth").isEqualTo((byte) 1);
        assertThat(ihdr.get()).as("grayscale").isEqualTo((byte) 0);
        assertThat(chunks).allSatisfy(c -> assertThat(c.crcValid()).isTrue());
        assertThat(QrImages.text(png)).endsWith("&b=B0301");
    }

    @Test
    void qr_withoutSize_is512PixelsAndSmall() {
        var response = api.call(qr(Persona.staff(), B0301, Map.of()));

        byte[] png = QrImages.png(response);
        assertThat(QrImages.image(png).getWidth()).isEqualTo(512);
        assertThat(png.length).as("1-bit and deflated").isLessThan(8 * 1024);
    }

    @Test
    void qr_leavesAQuietZoneOfAtLeastFourModulesAroundTheCode() {
        byte[] png = QrImages.png(api.call(qr(Persona.staff(), B0301, Map.of("size", "512"))));
        var image = QrImages.image(png);
        var topLeftFinder = QrImages.decode(png).getResultPoints()[1];
        int row = Math.round(topLeftFinder.getY());

        int whiteBeforeCode = 0;
        while (!dark(image, whiteBeforeCode, row)) whiteBeforeCode++;
        int modulePixels = 0;
        while (dark(image, whiteBeforeCode + modulePixels, row)) modulePixels++;

        assertThat(modulePixels).as("the finder's outer ring is one module wide").isGreaterThan(1);
        assertThat(whiteBeforeCode).as("white pixels left of the code").isGreaterThanOrEqualTo(4 * modulePixels);
    }

    static boolean dark(java.awt.image.BufferedImage image, int x, int y) {
        return (image.getRGB(x, y) & 0xffffff) == 0;
    }

    // ------------------------------------------------------------------ who may get one

    @Test
    void qr_asAdmin_returnsTheCode() {
        var response = api.call(qr(Persona.admin(), B0301, Map.of()));

        assertThat(QrImages.text(QrImages.png(response))).endsWith("&b=B0301");
    }

    @Test
    void qr_asAGridWorkerOfTheBuildingsGrid_returnsTheCode() {
        var response = api.call(qr(Persona.gridWorker("G02", "G03"), B0301, Map.of()));

        assertThat(QrImages.text(QrImages.png(response))).endsWith("&b=B0301");
    }

    @Test
    void qr_asAGridWorkerOfAnotherGrid_returns403NamingTheGrid() {
        var response = api.call(qr(Persona.gridWorker("G04"), B0301, Map.of()));

        assertProblem(response, 403);
        assertThat(json(response).get("detail").asText()).isEqualTo("不是您负责的网格");
    }

    @Test
    void qr_asResident_returns403() {
        var response = api.call(qr(Persona.resident(), B0301, Map.of()));

        assertProblem(response, 403);
        assertThat(json(response).get("detail").asText()).isEqualTo("当前身份无权执行此操作");
    }

    @Test
    void qr_byAnAccountInNoGroup_returns403() {
        assertProblem(api.call(qr(Persona.ungrouped(), B0301, Map.of())), 403);
    }

    @Test
    void qr_asResidentWithAnInvalidSize_returns403BeforeLookingAtTheQuery() {
        var response = api.call(qr(Persona.resident(), B0301, Map.of("size", "huge")));

        assertProblem(response, 403);
    }

    @Test
    void qr_byStaffOfAnotherCommunityWithAnInvalidSize_returns404BeforeLookingAtTheQuery() {
        var response = api.call(qr(Persona.staff().inCommunity("other-community"), B0301, Map.of("size", "huge")));

        assertProblem(response, 404);
    }

    @Test
    void qr_forAnUnknownBuildingWithAnInvalidSize_returns404BeforeLookingAtTheQuery() {
        assertProblem(api.call(qr(Persona.staff(), "B9999", Map.of("size", "huge"))), 404);
    }

    @Test
    void qr_asAGridWorkerOfAnotherGridWithAnInvalidSize_returns403BeforeLookingAtTheQuery() {
        var response = api.call(qr(Persona.gridWorker("G04"), B0301, Map.of("size", "huge")));

        assertProblem(response, 403);
        assertThat(json(response).get("detail").asText()).isEqualTo("不是您负责的网格");
    }

    @Test
    void qr_withoutVerifiedClaims_returns401() {
        var response = api.call(qr(null, B0301, Map.of()));

        assertProblem(response, 401);
    }

    @Test
    void qr_forAnUnknownBuilding_returns404() {
        assertProblem(api.call(qr(Persona.staff(), "B9999", Map.of())), 404);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"B 0301", "B0301.png", "B0301B0301B0301B0301B0301B0301B03"})
    void qr_forABuildingIdThatCannotExist_returns404(String buildingId) {
        assertProblem(api.call(qr(Persona.staff(), buildingId, Map.of())), 404);
    }

    @Test
    void qr_byStaffOfAnotherCommunity_returns404AsIfTheBuildingDidNotExist() {
        var response = api.call(qr(Persona.staff().inCommunity("other"), B0301, Map.of()));

        assertProblem(response, 404);
    }

    // ------------------------------------------------------------------ bad query: 400 naming the parameter

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "size, 127, range",
            "size, 1025, range",
            "size, 0, range",
            "size, abc, invalid_type",
            "size, 512px, invalid_type",
            "size, -512, invalid_type",
            "size, '', invalid_type",
            "size, 99999999999, invalid_type",
            "unitId, 2单元, pattern",
            "unitId, '1,2', pattern",
            "unitId, '', pattern",
            "roomId, '', pattern",
            "roomId, 150200000000000000000000000000000, pattern",
            "roomId, 15/02, pattern"})
    void qr_withAnInvalidQueryParameter_returns400NamingIt(String name, String value, String code) {
        var response = api.call(qr(Persona.staff(), B0301, Map.of(name, value)));

        assertProblem(response, 400, name);
        assertThat(codes(response)).containsExactly(code);
    }

    @Test
    void qr_withSeveralInvalidQueryParameters_namesEachInOneRound() {
        var response = api.call(qr(Persona.staff(), B0301, Map.of("unitId", "#2", "roomId", "a b", "size", "2048")));

        assertProblem(response, 400, "unitId", "roomId", "size");
    }

    @Test
    void qr_withAQueryParameterItDoesNotKnow_ignoresIt() {
        var response = api.call(qr(Persona.staff(), B0301, Map.of("utm_source", "poster")));

        assertThat(QrImages.text(QrImages.png(response))).doesNotContain("utm");
    }

    @Test
    void qrImages_onAnImageWithoutACode_fail() {
        byte[] blank = Png.blackAndWhite(200, 200, (x, y) -> false);

        assertThatThrownBy(() -> QrImages.text(blank)).isInstanceOf(AssertionError.class);
    }

    /** The fixture is what `sam local invoke` sends: it must be served by the real handler. */
    @Test
    void qr_fixture_isServed() {
        var response = api.call(HttpEvents.from("directory-qr.json").build());

        assertThat(QrImages.text(QrImages.png(response))).endsWith("&b=B0301&u=2");
    }

    @SuppressWarnings("unchecked")
    static String documentedPayloadPattern() throws IOException {
        try (Reader reader = Files.newBufferedReader(Repo.file("openapi.yaml"))) {
            Map<String, Object> document = new Yaml().load(reader);
            Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
            return (String) ((Map<String, Object>) schemas.get("QrCodeUrl")).get("pattern");
        }
    }
}
