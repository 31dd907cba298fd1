package community.linli.residentsimport;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.platform.csv.CsvTable;
import community.linli.platform.http.FieldError;
import community.linli.tables.directory.Tag;
import community.linli.tables.residents.Relation;
import community.linli.tables.residents.ResidenceType;
import community.linli.testkit.DemoCommunity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A CSV row's checks without AWS: what a cell may say, and the error each bad cell gets, named by line and column. */
class ImportRowTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    static final Map<String, Tag> TAGS = new LinkedHashMap<>();

    static {
        DemoCommunity.tags().forEach(t -> TAGS.put(t.code(), t));
    }

    private static ImportRow check(Map<String, String> cells, List<FieldError> errors) {
        Map<String, String> row = new LinkedHashMap<>(Map.of("户号", "B0101-1-101", "楼栋", "B0101", "单元", "1", "房号", "101",
                "姓名", "周建华", "身份证号", "11010519491231002x", "与户主关系", "户主", "居住类型", "常住"));
        row.putAll(cells);
        return ImportRow.check(new CsvTable.Row(7, row), TAGS, Set.of(ImportRow.roomKey("B0101", "1", "101")), TODAY, errors);
    }

    @Test
    void aRow_takesTagsByNameOrCode_relationAndTypeInChineseOrAsApiNames_andDatesAsExcelWritesThem() {
        List<FieldError> errors = new ArrayList<>();

        ImportRow row = check(Map.of("标签", "独居老人；volunteer、八十岁以上老人", "同意日期", "2026/11/5", "与户主关系", "spouse",
                "居住类型", "流动", "入住日期", "2020-1-31"), errors);

        assertThat(errors).isEmpty();
        assertThat(row.tags()).containsExactly("elderly_alone", "volunteer", "elderly_80");
        assertThat(row.sensitiveTags()).containsExactly("elderly_alone");
        assertThat(row.consentDate()).isEqualTo(LocalDate.of(2026, 11, 5));
        assertThat(row.relation()).isEqualTo(Relation.SPOUSE);
        assertThat(row.residenceType()).isEqualTo(ResidenceType.FLOATING);
        assertThat(row.movedInOn()).isEqualTo(LocalDate.of(2020, 1, 31));
        assertThat(row.id().value()).as("a typed lower-case x").isEqualTo("11010519491231002X");
    }

    @Test
    void badCells_areEachNamedByLineAndColumn_andTheRowIsRefused() {
        List<FieldError> errors = new ArrayList<>();

        ImportRow row = check(Map.of("房号", "999", "同意日期", "2026-13-01", "入住日期", "2027-01-01", "姓名", "", "户号", "一户"), errors);

        assertThat(row).isNull();
        assertThat(errors).extracting(FieldError::field, FieldError::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("rows[7].户号", "pattern"),
                org.assertj.core.groups.Tuple.tuple("rows[7].姓名", "required"),
                org.assertj.core.groups.Tuple.tuple("rows[7].同意日期", "date"),
                org.assertj.core.groups.Tuple.tuple("rows[7].入住日期", "future_date"));
    }

    @Test
    void aRoomTheDirectoryLacks_isUnknownRoom_andAConsentWithoutASensitiveTagIsRefused() {
        List<FieldError> errors = new ArrayList<>();

        check(Map.of("房号", "999", "标签", "志愿者", "同意日期", "2026-11-01"), errors);

        assertThat(errors).extracting(FieldError::field, FieldError::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("rows[7].房号", "unknown_room"),
                org.assertj.core.groups.Tuple.tuple("rows[7].同意日期", "consent_without_tag"));
    }
}
