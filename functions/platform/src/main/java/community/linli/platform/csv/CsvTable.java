package community.linli.platform.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvReadException;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import community.linli.platform.http.FieldError;
import community.linli.platform.http.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV upload with a header line, as staff export it from Excel or WPS ("CSV UTF-8"), read with
 * Jackson's CSV parser (RFC 4180 quoting: commas, quotes and line breaks inside quoted cells).
 *
 * <p>What it refuses, each as a 400 problem naming {@code body} or {@code header}, in Chinese:
 * bytes that are not UTF-8 (Excel's plain "CSV" is GBK on a Chinese Windows; the message says how
 * to save it as UTF-8), also when they arrive already decoded as U+FFFD (a text body API Gateway or a
 * proxy decoded), an empty file, a header without a required column, with an unknown or a
 * repeated one, a quote left open, a row with more cells than the header. A UTF-8 byte-order mark
 * (what Excel's "CSV UTF-8" writes) is accepted. Cells are trimmed; blank lines are skipped. Row
 * numbers are the file's line numbers as a spreadsheet shows them (the header is line 1), so an
 * error can be found in the file; a quoted cell spanning lines counts from the line it starts on.
 */
public final class CsvTable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** One data row: its line in the file and its cells by column name (a missing cell is ""). */
    public record Row(int line, Map<String, String> cells) {
        public String get(String column) {
            return cells.getOrDefault(column, "");
        }
    }

    private final List<String> columns;
    private final List<Row> rows;

    private CsvTable(List<String> columns, List<Row> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    public List<String> columns() {
        return columns;
    }

    public List<Row> rows() {
        return rows;
    }

    /**
     * Reads {@code body}: every column of {@code required} must be in the header, every other column
     * must be in {@code optional}.
     *
     * @throws Problem 400 naming {@code body} or {@code header} for a file that cannot be read as one
     */
    public static CsvTable read(byte[] body, Collection<String> required, Collection<String> optional) {
        String text = decode(body);
        if (text.isBlank()) throw Problem.invalid("body", "csv_empty");
        List<String[]> lines = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(text)) {
            while (it.hasNextValue()) {
                int line = it.getCurrentLocation().getLineNr();
                String[] cells = it.nextValue();
                if (cells.length == 1 && cells[0].isEmpty()) continue;
                lines.add(cells);
                lineNumbers.add(line);
            }
        } catch (CsvReadException | RuntimeException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw malformed(e);
        }
        if (lines.isEmpty()) throw Problem.invalid("body", "csv_empty");
        List<String> header = List.of(lines.getFirst()).stream().map(String::strip).toList();
        checkHeader(header, required, optional);
        List<Row> rows = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i);
            int line = lineNumbers.get(i);
            if (cells.length > header.size()) {
                errors.add(new FieldError(rowField(line, null), "csv_too_many_cells", Map.of("row", line, "columns", header.size())));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) values.put(header.get(c), c < cells.length ? cells[c].strip() : "");
            rows.add(new Row(line, values));
        }
        if (!errors.isEmpty()) throw Problem.invalid(errors);
        return new CsvTable(header, rows);
    }

    /** The field that names one cell of a row ({@code rows[12].网格}), or the row itself when {@code column} is null. */
    public static String rowField(int line, String column) {
        return "rows[" + line + "]" + (column == null ? "" : "." + column);
    }

    private static void checkHeader(List<String> header, Collection<String> required, Collection<String> optional) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!seen.add(column)) errors.add(new FieldError("header", "csv_repeated_column", Map.of("column", column)));
            else if (!required.contains(column) && !optional.contains(column)) {
                errors.add(new FieldError("header", "csv_unknown_column", Map.of("column", column,
                        "allowed", String.join("、", allColumns(required, optional)))));
            }
        }
        for (String column : required) {
            if (!seen.contains(column)) errors.add(new FieldError("header", "csv_missing_column", Map.of("column", column)));
        }
        if (!errors.isEmpty()) throw Problem.invalid(errors);
    }

    private static List<String> allColumns(Collection<String> required, Collection<String> optional) {
        List<String> all = new ArrayList<>(required);
        all.addAll(optional);
        return all;
    }

    /** Strict UTF-8: a byte that is not UTF-8 fails with the line it is on, instead of becoming U+FFFD. */
    private static String decode(byte[] body) {
        int from = body.length >= 3 && body[0] == BOM[0] && body[1] == BOM[1] && body[2] == BOM[2] ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, from, body.length - from);
        try {
            String text = decoder.decode(in).toString();
            // A text body that was not UTF-8 may reach us already decoded, its bad bytes as U+FFFD.
            int replaced = text.indexOf('\uFFFD');
            if (replaced >= 0) throw Problem.invalid("body", "csv_encoding", Map.of("line", 1 + (int) text.substring(0, replaced).chars().filter(c -> c == '\n').count()));
            return text;
        } catch (MalformedInputException e) {
            throw Problem.invalid("body", "csv_encoding", Map.of("line", lineAt(body, from, badOffset(body, from))));
        } catch (CharacterCodingException e) {
            throw Problem.invalid("body", "csv_encoding", Map.of("line", 1));
        }
    }

    /** The offset of the first byte that is not UTF-8, found again by decoding piecewise. */
    private static int badOffset(byte[] body, int from) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, from, body.length - from);
        CharBuffer out = CharBuffer.allocate(body.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : body.length;
    }

    private static int lineAt(byte[] body, int from, int offset) {
        int line = 1;
        for (int i = from; i < offset && i < body.length; i++) if (body[i] == '\n') line++;
        return line;
    }

    private static Problem malformed(Exception e) {
        String message = String.valueOf(e.getMessage());
        int line = 1;
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException processing && processing.getLocation() != null) {
            line = Math.max(1, processing.getLocation().getLineNr());
        }
        String code = message.contains("quote") || message.contains("EOF") ? "csv_unclosed_quote" : "csv_malformed";
        return Problem.invalid("body", code, Map.of("line", line));
    }
}
