package community.linli.platform.csv;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes CSV files (an import's error report, an export), apart from {@link CsvTable}, which
 * reads them with Jackson's CSV parser: a function that only writes CSV needs no parser in its zip.
 */
public final class CsvWriter {
    private CsvWriter() {}

    /**
     * {@code lines} as a CSV file Excel opens as it is: UTF-8 with a byte-order mark (without one,
     * Excel on a Chinese Windows reads it as GBK and garbles the Chinese), CRLF line ends, a cell
     * quoted when it holds a comma, a quote or a line break.
     */
    public static byte[] write(List<List<String>> lines) {
        StringBuilder out = new StringBuilder("\uFEFF");
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                if (i > 0) out.append(',');
                String cell = line.get(i) == null ? "" : line.get(i);
                boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
                out.append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

}
