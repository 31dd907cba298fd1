package community.linli.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
    @Test
    void write_quotesWhatNeedsIt_andDisarmsACellThatStartsLikeAFormula() {
        byte[] csv = CsvWriter.write(List.of(List.of("姓名", "备注"), List.of("=HYPERLINK(\"x\")", "a,b"), List.of("-1", "@王"), List.of("李娜", "")));

        assertThat(new String(csv, StandardCharsets.UTF_8)).isEqualTo("\uFEFF姓名,备注\r\n\"'=HYPERLINK(\"\"x\"\")\",\"a,b\"\r\n'-1,'@王\r\n李娜,\r\n");
    }
}
