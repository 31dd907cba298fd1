package community.linli.residentsimport;

import community.linli.platform.csv.CsvTable;
import community.linli.platform.http.Check;
import community.linli.platform.http.FieldError;
import community.linli.tables.directory.Tag;
import community.linli.tables.residents.Address;
import community.linli.tables.residents.IdCardNumber;
import community.linli.tables.residents.Relation;
import community.linli.tables.residents.ResidenceType;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One row of a residents CSV, checked as {@code POST /residents} checks its body: the columns are
 * the fields of a registration, with Chinese headers, the relation and the residence type in the
 * Chinese the paper registers use (户主, 常住) or as their API names (head, permanent), the tags as
 * names or codes of the community's list separated by {@code ；}, and one consent date for the row's
 * sensitive tags. A row names its room ({@value #BUILDING}, {@value #UNIT}, {@value #ROOM}) and its
 * household number ({@value #HOUSEHOLD}); the household is found or created by the import.
 */
record ImportRow(int line, String householdNumber, String buildingId, String unitId, String roomId, String name,
                 IdCardNumber id, String phone, Relation relation, ResidenceType residenceType, List<String> tags,
                 List<String> sensitiveTags, LocalDate consentDate, String notes, LocalDate movedInOn) {
    static final String HOUSEHOLD = "户号";
    static final String BUILDING = "楼栋";
    static final String UNIT = "单元";
    static final String ROOM = "房号";
    static final String NAME = "姓名";
    static final String ID_NUMBER = "身份证号";
    static final String PHONE = "手机号";
    static final String RELATION = "与户主关系";
    static final String RESIDENCE_TYPE = "居住类型";
    static final String TAGS = "标签";
    static final String CONSENT_DATE = "同意日期";
    static final String NOTES = "备注";
    static final String MOVED_IN = "入住日期";
    static final List<String> REQUIRED = List.of(HOUSEHOLD, BUILDING, UNIT, ROOM, NAME, ID_NUMBER, RELATION, RESIDENCE_TYPE);
    static final List<String> OPTIONAL = List.of(PHONE, TAGS, CONSENT_DATE, NOTES, MOVED_IN);

    static final int MAX_NAME = 32;
    static final int MAX_NOTES = 500;
    static final int MAX_TAGS = 10;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern HOUSEHOLD_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,32}");
    private static final Pattern TAG_SEPARATORS = Pattern.compile("[;；、,，|\\s]+");
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /** Dates as a registrar types them and as Excel writes them: 2026-10-01, 2026/10/1. */
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuu/M/d").withResolverStyle(ResolverStyle.STRICT));

    Address address(String gridId) {
        return new Address(gridId, buildingId, unitId, roomId);
    }

    String roomKey() {
        return roomKey(buildingId, unitId, roomId);
    }

    static String roomKey(String buildingId, String unitId, String roomId) {
        return buildingId + "#" + unitId + "#" + roomId;
    }

    /**
     * The row checked on {@code today} against the community's {@code tags} (by code) and
     * {@code rooms} (by {@link #roomKey}), or null with each bad cell added to {@code errors}, named
     * {@code rows[<line>].<column>}.
     */
    static ImportRow check(CsvTable.Row row, Map<String, Tag> tags, Set<String> rooms, LocalDate today, List<FieldError> errors) {
        Check check = Check.of();
        String household = row.get(HOUSEHOLD);
        String building = row.get(BUILDING);
        String unit = row.get(UNIT);
        String room = row.get(ROOM);
        check.required(HOUSEHOLD, blankToNull(household)).matches(HOUSEHOLD, blankToNull(household), HOUSEHOLD_NUMBER)
                .required(BUILDING, blankToNull(building)).matches(BUILDING, blankToNull(building), ID)
                .required(UNIT, blankToNull(unit)).matches(UNIT, blankToNull(unit), ID)
                .required(ROOM, blankToNull(room)).matches(ROOM, blankToNull(room), ID);
        if (check.valid() && !rooms.contains(roomKey(building, unit, room))) check.add(ROOM, "unknown_room");
        check.requiredText(NAME, blankToNull(row.get(NAME)), MAX_NAME)
                .phone(PHONE, blankToNull(row.get(PHONE)))
                .maxLength(NOTES, row.get(NOTES), MAX_NOTES);

        String idNumber = IdCardNumber.normalize(row.get(ID_NUMBER));
        IdCardNumber id = null;
        if (idNumber.isEmpty()) {
            check.add(ID_NUMBER, "required");
        } else {
            IdCardNumber.Flaw flaw = IdCardNumber.flaw(idNumber, today);
            if (flaw != null) check.add(ID_NUMBER, flaw.code);
            else id = IdCardNumber.of(idNumber);
        }
        Relation relation = labelled(check, RELATION, row.get(RELATION), Relation.values(), Relation::wire, Relation::label);
        ResidenceType type = labelled(check, RESIDENCE_TYPE, row.get(RESIDENCE_TYPE), ResidenceType.values(),
                ResidenceType::wire, ResidenceType::label);
        LocalDate consentDate = date(check, CONSENT_DATE, row.get(CONSENT_DATE), today);
        LocalDate movedInOn = date(check, MOVED_IN, row.get(MOVED_IN), today);

        List<String> codes = new ArrayList<>();
        List<String> sensitive = new ArrayList<>();
        String tagCell = row.get(TAGS);
        if (!tagCell.isEmpty()) {
            Set<String> seen = new LinkedHashSet<>();
            for (String token : TAG_SEPARATORS.split(tagCell)) {
                if (token.isEmpty()) continue;
                Tag tag = tags.get(token);
                if (tag == null) tag = tags.values().stream().filter(t -> token.equals(t.name())).findFirst().orElse(null);
                if (tag == null) {
                    check.add(TAGS, "unknown_tag");
                } else if (seen.add(tag.code())) {
                    codes.add(tag.code());
                    if (tag.sensitive()) sensitive.add(tag.code());
                }
            }
            if (codes.size() > MAX_TAGS) check.add(TAGS, "max_items", Map.of("max", MAX_TAGS));
        }
        if (!sensitive.isEmpty() && consentDate == null && row.get(CONSENT_DATE).isEmpty()) check.add(TAGS, "consent_required");
        if (sensitive.isEmpty() && consentDate != null) check.add(CONSENT_DATE, "consent_without_tag");

        for (FieldError error : check.errors()) {
            errors.add(new FieldError(CsvTable.rowField(row.line(), error.field()), error.code(), error.args()));
        }
        if (!check.valid()) return null;
        return new ImportRow(row.line(), household, building, unit, room, row.get(NAME).strip(), id, blankToNull(row.get(PHONE)),
                relation, type, List.copyOf(codes), List.copyOf(sensitive), consentDate, blankToNull(row.get(NOTES)), movedInOn);
    }

    private static <E> E labelled(Check check, String column, String value, E[] values, java.util.function.Function<E, String> wire,
                                  java.util.function.Function<E, String> label) {
        if (value.isEmpty()) {
            check.add(column, "required");
            return null;
        }
        for (E e : values) {
            if (value.equals(label.apply(e)) || value.equals(wire.apply(e))) return e;
        }
        check.add(column, "one_of", Map.of("allowed", String.join("、", Arrays.stream(values).map(label).toList())));
        return null;
    }

    private static LocalDate date(Check check, String column, String value, LocalDate today) {
        if (value.isEmpty()) return null;
        for (DateTimeFormatter format : DATES) {
            try {
                LocalDate date = LocalDate.parse(value, format);
                if (date.isAfter(today)) check.add(column, "future_date");
                else if (date.isBefore(EARLIEST)) check.add(column, "date");
                else return date;
                return null;
            } catch (DateTimeParseException next) {
                // the next format, else refused below
            }
        }
        check.add(column, "date");
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "ImportRow[line=" + line + "]";
    }
}
