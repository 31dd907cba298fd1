package community.linli.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import community.linli.platform.http.FieldError;
import community.linli.platform.http.Messages;
import community.linli.platform.http.Problem;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {
    static final List<String> REQUIRED = List.of("楼栋", "单元", "房号", "网格");
    static final List<String> OPTIONAL = List.of("楼栋名称");

    static CsvTable read(String text) {
        return CsvTable.read(text.getBytes(StandardCharsets.UTF_8), REQUIRED, OPTIONAL);
    }

    static Problem refused(byte[] body) {
        try {
            CsvTable.read(body, REQUIRED, OPTIONAL);
        } catch (Problem problem) {
            return problem;
        }
        throw new AssertionError("read, but should have been refused");
    }

    static Problem refused(String text) {
        return refused(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void read_givesEachRowItsLineAndCellsByColumn_inAnyColumnOrder() {
        CsvTable table = read("网格,楼栋,单元,房号\nG03,B0301,1,101\nG03,B0301,1,102\n");

        assertThat(table.columns()).containsExactly("网格", "楼栋", "单元", "房号");
        assertThat(table.rows()).extracting(CsvTable.Row::line).containsExactly(2, 3);
        assertThat(table.rows().getFirst().get("房号")).isEqualTo("101");
        assertThat(table.rows().getFirst().get("楼栋名称")).as("an optional column left out").isEmpty();
    }

    @Test
    void read_acceptsExcelsUtf8ByteOrderMark_crlfAndQuotedCellsWithCommasAndLineBreaks() {
        CsvTable table = read("\uFEFF楼栋,单元,房号,网格,楼栋名称\r\nB0301,1,101,G03,\"阳光花园, 1号楼\"\r\nB0302,1,101,G03,\"两行\n名称\"\r\nB0303,1,101,G03,\"说\"\"好\"\"\"\r\n");

        assertThat(table.columns().getFirst()).isEqualTo("楼栋");
        assertThat(table.rows()).extracting(r -> r.get("楼栋名称")).containsExactly("阳光花园, 1号楼", "两行\n名称", "说\"好\"");
        assertThat(table.rows()).extracting(CsvTable.Row::line).containsExactly(2, 3, 5);
    }

    @Test
    void read_skipsBlankLinesAndTrimsCells() {
        CsvTable table = read("楼栋,单元,房号,网格\n\n B0301 , 1 ,101,G03\n\n");

        assertThat(table.rows()).hasSize(1);
        assertThat(table.rows().getFirst().get("楼栋")).isEqualTo("B0301");
        assertThat(table.rows().getFirst().line()).isEqualTo(3);
    }

    @Test
    void gbkBytesFromExcel_areRefusedNamingBodyAndTheLine_withHowToSaveAsUtf8() {
        byte[] gbk = "楼栋,单元,房号,网格\nB0301,1,101,G03\n".getBytes(Charset.forName("GBK"));

        Problem problem = refused(gbk);

        FieldError error = problem.errors().getFirst();
        assertThat(error.field()).isEqualTo("body");
        assertThat(error.code()).isEqualTo("csv_encoding");
        assertThat(error.args()).containsEntry("line", 1);
        assertThat(Messages.zh(error.code(), error.args())).contains("CSV UTF-8");
    }

    @Test
    void gbkBytesThatAProxyAlreadyDecodedAsUtf8Text_areStillRefused() {
        byte[] gbk = "楼栋,单元,房号,网格\nB0301,1,101,G03\n".getBytes(Charset.forName("GBK"));
        byte[] decodedOnTheWay = new String(gbk, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);

        FieldError error = refused(decodedOnTheWay).errors().getFirst();

        assertThat(error.code()).isEqualTo("csv_encoding");
        assertThat(error.args()).containsEntry("line", 1);
    }

    @Test
    void aBadByteOnALaterLine_namesThatLine() {
        byte[] head = "楼栋,单元,房号,网格\nB0301,1,101,G03\nB0301,1,".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 2];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xB7;
        body[head.length + 1] = (byte) 0xBF;

        assertThat(refused(body).errors().getFirst().args()).containsEntry("line", 3);
    }

    @Test
    void aQuoteLeftOpen_isRefusedAsUnclosedQuote() {
        Problem problem = refused("楼栋,单元,房号,网格\nB0301,1,\"101,G03\nB0302,1,101,G03\n");

        assertThat(problem.errors()).extracting(FieldError::field, FieldError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("body", "csv_unclosed_quote"));
    }

    @Test
    void aHeaderWithoutARequiredColumn_orWithAnUnknownOrRepeatedOne_namesHeaderForEach() {
        Problem problem = refused("楼栋,单元,房号,备注,单元\nB0301,1,101,x,1\n");

        assertThat(problem.errors()).extracting(FieldError::field).containsOnly("header");
        assertThat(problem.errors()).extracting(FieldError::code)
                .containsExactly("csv_unknown_column", "csv_repeated_column", "csv_missing_column");
        assertThat(Messages.zh("csv_missing_column", problem.errors().get(2).args())).isEqualTo("表头缺少“网格”列");
    }

    @Test
    void anEmptyFile_orOneWithOnlyAByteOrderMark_isRefusedAsEmpty() {
        assertThat(refused("").errors().getFirst().code()).isEqualTo("csv_empty");
        assertThat(refused("\uFEFF\n\n").errors().getFirst().code()).isEqualTo("csv_empty");
    }

    @Test
    void aRowWithMoreCellsThanTheHeader_isNamedByItsLine() {
        Problem problem = refused("楼栋,单元,房号,网格\nB0301,1,101,G03,extra\n");

        assertThat(problem.errors().getFirst().field()).isEqualTo("rows[2]");
        assertThat(problem.errors().getFirst().code()).isEqualTo("csv_too_many_cells");
    }

    @Test
    void aShortRow_hasEmptyCellsForTheMissingColumns() {
        assertThat(read("楼栋,单元,房号,网格\nB0301,1\n").rows().getFirst().get("网格")).isEmpty();
    }

    @Test
    void binaryGarbage_isRefusedAsAProblem_neverAnUnexpectedException() {
        assertThatThrownBy(() -> CsvTable.read(new byte[] {0, 1, 2, '"', '\n'}, REQUIRED, OPTIONAL)).isInstanceOf(Problem.class);
    }
}
