package community.linli.residentsimport;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.directory.Room;
import community.linli.tables.residents.ImportJob;
import community.linli.tables.residents.ImportStatus;
import community.linli.tables.residents.Resident;
import community.linli.testkit.DemoCommunity;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.ResidentsCsv;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bulk import from upload to report, on moto: the file put into the ImportsBucket, S3's event
 * through the ImportsQueue, the handler invoked with the SQS event. Valid rows are registered as
 * {@code POST /residents} registers (sealed, claimed, with care items); bad rows land in the
 * report, in Chinese, without their values; a file that cannot be read fails the import and
 * registers no one; the same file twice registers no one twice.
 */
@ExtendWith(MotoExtension.class)
class ResidentsImportTest {

    @Test
    void import_ofGoodAndBadRows_registersTheGoodOnes_andReportsEachBadCellInChineseWithoutItsValue(LocalAws aws) {
        var api = new ImportApi(aws);
        ResidentsCsv csv = ResidentsCsv.of(6, 1);
        api.seedRooms(csv.rooms());
        String good = csv.line(0);
        String[] cells = good.split(",", -1);
        String badCheckDigit = cells[5].substring(0, 17) + (cells[5].charAt(17) == '0' ? '1' : '0');
        csv.add(row(cells, Map.of(5, badCheckDigit, 4, "错校验")))                       // line 8
                .add(row(cells, Map.of(5, ResidentsCsv.idNumber("19800101", 900_001), 6, "1380000", 7, "房客")))   // line 9
                .add(row(cells, Map.of(5, ResidentsCsv.idNumber("19800101", 900_002), 9, "独居老人", 10, "")))     // line 10
                .add(row(cells, Map.of(5, ResidentsCsv.idNumber("19800101", 900_003), 9, "不存在的标签", 8, "临时")))  // line 11
                .add(row(cells, Map.of(5, ResidentsCsv.idNumber("19800101", 900_004), 3, "909", 11, "备".repeat(501))))  // line 12
                .add(row(cells, Map.of(5, ResidentsCsv.idNumber("20990101", 900_005), 0, "B9999-9-9")));  // line 13

        var logs = new java.io.ByteArrayOutputStream();
        var original = System.out;
        ImportJob job;
        System.setOut(new java.io.PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            job = api.run(csv.bytes());
        } finally {
            System.setOut(original);
        }
        String output = logs.toString(StandardCharsets.UTF_8);

        assertThat(job.status()).isEqualTo(ImportStatus.DONE);
        assertThat(job.counts()).isEqualTo(new ImportJob.Counts(12, 12, 6, 0, 6));
        String report = api.report(job);
        assertThat(report).startsWith("\uFEFF行号,列,问题\r\n").contains(
                "8,身份证号,身份证号码校验位不正确，请核对",
                "9,与户主关系,必须是以下之一：户主、配偶、子女、父母、孙子女、祖父母、兄弟姐妹、其他亲属、非亲属",
                "9,手机号,请填写 11 位中国大陆手机号",
                "10,标签,特殊群体标签须先登记本人同意（日期与登记人）",
                "11,同意日期,只能为所填标签中的特殊群体标签登记同意",
                "11,居住类型,必须是以下之一：常住、流动、寄住",
                "11,标签,不在社区的标签列表中",
                "12,房号,社区没有此房间",
                "12,备注,不能超过 500 个字",
                "13,身份证号,身份证号码中的出生日期不存在或不合理");
        assertThat(report.lines().count()).isEqualTo(1 + 10);
        assertThat(report).doesNotContain(badCheckDigit).doesNotContain("1380000").doesNotContain("错校验").doesNotContain(cells[5]);
        Resident head = api.store.findByIdHash(DemoCommunity.ID, api.store.idHash(cells[5])).orElseThrow();
        assertThat(head.tags()).containsExactly("elderly_alone");
        assertThat(head.consents()).singleElement().satisfies(c -> assertThat(c.recordedBy()).isEqualTo(ImportApi.STAFF));
        assertThat(api.store.care(DemoCommunity.ID, head.residentId())).as("a care tag puts them on the visit list").isPresent();
        assertThat(api.store.householdByNumber(DemoCommunity.ID, cells[0]).orElseThrow().headResidentId()).isEqualTo(head.residentId());
        assertThat(output).contains("\"event\":\"imports.done\"").doesNotContain(cells[5]).doesNotContain(cells[6]).doesNotContain(cells[4]);
        assertThat(aws.dynamoDb().scan(r -> r.tableName(aws.name("ResidentsTable"))).items().toString())
                .doesNotContain(cells[5]).doesNotContain(cells[6]);
    }

    @Test
    void import_ofTheSameFileTwice_registersNoOneTwice_andCountsThemAlreadyRegistered(LocalAws aws) {
        var api = new ImportApi(aws);
        ResidentsCsv csv = ResidentsCsv.of(7, 2);
        api.seedRooms(csv.rooms());

        ImportJob first = api.run(csv.bytes());
        ImportJob second = api.run(csv.bytes());

        assertThat(first.counts()).isEqualTo(new ImportJob.Counts(7, 7, 7, 0, 0));
        assertThat(second.counts()).isEqualTo(new ImportJob.Counts(7, 7, 0, 7, 0));
        assertThat(api.report(second)).isEqualTo("\uFEFF行号,列,问题\r\n");
        long residents = aws.dynamoDb().scan(r -> r.tableName(aws.name("ResidentsTable"))).items().stream()
                .filter(i -> "R".equals(i.get("sk").s())).count();
        assertThat(residents).isEqualTo(7);
    }

    @Test
    void import_ofAnIdNumberRegisteredAtAnotherRoom_orAHouseholdNumberOfAnotherRoom_reportsThoseRows(LocalAws aws) {
        var api = new ImportApi(aws);
        ResidentsCsv first = ResidentsCsv.of(3, 3);
        api.seedRooms(first.rooms());
        api.run(first.bytes());
        String[] moved = first.line(0).split(",", -1);
        ResidentsCsv second = ResidentsCsv.of(3, 4);
        api.seedRooms(second.rooms());
        var room = second.rooms().getFirst();
        second.add(row(moved, Map.of(0, "X-1", 1, room.buildingId(), 2, room.unitId(), 3, room.id())))    // line 5: that ID, another room
                .add(row(moved, Map.of(5, ResidentsCsv.idNumber("19700101", 900_010), 1, room.buildingId(), 2, room.unitId(),
                        3, room.id())));                                                                // line 6: that household number, another room

        ImportJob job = api.run(second.bytes());

        assertThat(job.counts()).isEqualTo(new ImportJob.Counts(5, 5, 3, 0, 2));
        assertThat(api.report(job)).contains("5,身份证号,此身份证号码已登记在本社区", "6,户号,此户号已登记在另一房间");
    }

    @Test
    void import_ofRowsRepeatingAnIdNumber_orPuttingOneHouseholdInTwoRooms_reportsTheLaterRow(LocalAws aws) {
        var api = new ImportApi(aws);
        ResidentsCsv csv = ResidentsCsv.of(3, 5);
        api.seedRooms(csv.rooms());
        String[] head = csv.line(0).split(",", -1);
        api.seedRooms(List.of(new Room(head[1], head[2], "9902", null)));
        csv.add(row(head, Map.of(4, "重复")))                                                        // line 5
                .add(row(head, Map.of(5, ResidentsCsv.idNumber("19700101", 900_020), 3, "9902"))); // line 6

        ImportJob job = api.run(csv.bytes());

        assertThat(job.counts()).isEqualTo(new ImportJob.Counts(5, 5, 3, 0, 2));
        assertThat(api.report(job)).contains("5,身份证号,与第 2 行的身份证号码相同", "6,户号,与第 2 行同一户号的房间不一致");
    }

    @Test
    void import_ofAFileExcelSavedAsGbk_failsNamingTheEncoding_andRegistersNoOne(LocalAws aws) {
        var api = new ImportApi(aws);
        ResidentsCsv csv = ResidentsCsv.of(3, 6);
        api.seedRooms(csv.rooms());
        byte[] gbk = new String(csv.bytes(), StandardCharsets.UTF_8).substring(1).getBytes(Charset.forName("GBK"));

        ImportJob job = api.run(gbk);

        assertFailedWith(api, job, "body", "csv_encoding", "第 1 行不是 UTF-8 编码：请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”后重新上传");
    }

    @Test
    void import_ofAFileWithAQuoteLeftOpen_failsNamingTheLine(LocalAws aws) {
        var api = new ImportApi(aws);
        ResidentsCsv csv = ResidentsCsv.of(3, 7);
        api.seedRooms(csv.rooms());
        csv.set(1, csv.line(1).replaceFirst(",", ",\"未闭合"));

        ImportJob job = api.run(csv.bytes());

        assertFailedWith(api, job, "body", "csv_unclosed_quote", "的引号没有闭合");
    }

    @Test
    void import_ofAFileWithAWrongMissingOrRepeatedHeader_failsNamingEachColumn(LocalAws aws) {
        var api = new ImportApi(aws);
        byte[] csv = "户号,楼栋,单元,房号,姓名,身份证,与户主关系,居住类型,姓名\r\n1,B0101,1,101,张三,x,户主,常住,张三\r\n"
                .getBytes(StandardCharsets.UTF_8);

        ImportJob job = api.run(csv);

        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.failure()).contains("csv_unknown_column", "csv_repeated_column", "csv_missing_column", "表头缺少“身份证号”列");
        assertThat(job.counts()).isEqualTo(ImportJob.Counts.NONE);
    }

    @Test
    void import_ofTwoHundredRows_registersThemAll_writingProgressAsItGoes_withTwoWritesARow(LocalAws aws) {
        var api = new ImportApi(aws, 50);
        ResidentsCsv csv = ResidentsCsv.of(200, 8);
        api.seedRooms(csv.rooms());
        String id = api.start();
        api.upload(id, csv.bytes());
        String event = api.sqsEvent(api.nextMessage());

        var trips = api.dynamoTrips.during(() -> api.invoke(event));

        ImportJob job = api.store.importJob(DemoCommunity.ID, id).orElseThrow();
        assertThat(job.counts()).as(api.report(job)).isEqualTo(new ImportJob.Counts(200, 200, 200, 0, 0));
        int households = csv.rooms().size();
        assertThat(households).isEqualTo(67);
        // Per row: the ID claim (PutItem) and the registration (TransactWriteItems); per household one more
        // TransactWriteItems (the household and its number claim). Start, progress every 50 rows, the end:
        // UpdateItems; the import read back: one GetItem; the directory: tags, buildings, rooms, a Query each.
        assertThat(trips).containsAllEntriesOf(Map.of("PutItem", 200, "TransactWriteItems", 200 + households, "GetItem", 1, "Query", 3))
                .containsOnlyKeys("PutItem", "TransactWriteItems", "GetItem", "Query", "UpdateItem");
        // Start, the counts once the rows are checked, at 51, 102 and 153 rows (50 past the last, a household
        // of three at a time), the end.
        assertThat(trips.get("UpdateItem")).isEqualTo(1 + 1 + 3 + 1);
        assertThat(api.kmsTrips.byOperation()).as("one data key and one lookup key for the whole file")
                .isEqualTo(Map.of("GenerateDataKey", 1, "GenerateMac", 1));
    }

    @Test
    void aMessageDeliveredAgainForAFinishedImport_isSkipped_andS3sTestEventToo(LocalAws aws) {
        var api = new ImportApi(aws);
        ResidentsCsv csv = ResidentsCsv.of(3, 9);
        api.seedRooms(csv.rooms());
        String id = api.start();
        api.upload(id, csv.bytes());
        String event = api.sqsEvent(api.nextMessage());
        api.invoke(event);

        var again = api.dynamoTrips.during(() -> api.invoke(event));
        var test = api.invoke(event.replace("\"body\":", "\"body\":\"{\\\"Service\\\":\\\"Amazon S3\\\",\\\"Event\\\":\\\"s3:TestEvent\\\"}\",\"was\":"));

        assertThat(again).as("only the refused conditional start").isEqualTo(Map.of("UpdateItem", 1));
        assertThat(test.path("batchItemFailures")).isEmpty();
        assertThat(api.store.importJob(DemoCommunity.ID, id).orElseThrow().counts().imported()).isEqualTo(3);
    }

    @Test
    void theFixture_asItStands_isTheSqsEventOfAnS3Upload_andAnImportTheCommunityLacksIsSkipped(LocalAws aws) throws Exception {
        var api = new ImportApi(aws);
        String fixture = java.nio.file.Files.readString(community.linli.testkit.Repo.root().resolve("events/residents-import-uploaded.json"));

        var sqs = community.linli.testkit.LambdaJson.read(fixture, com.amazonaws.services.lambda.runtime.events.SQSEvent.class);
        var response = api.invoke(fixture);

        assertThat(sqs.getRecords()).singleElement().satisfies(m -> {
            assertThat(m.getEventSource()).isEqualTo("aws:sqs");
            assertThat(m.getBody()).contains("\"eventName\":\"ObjectCreated:Put\"", "\"key\":\"imports/demo/imp-demo-import.csv\"");
        });
        assertThat(response.path("batchItemFailures")).isEmpty();
        assertThat(api.store.importJob(DemoCommunity.ID, "imp-demo-import")).isEmpty();
    }

    private static void assertFailedWith(ImportApi api, ImportJob job, String field, String code, String message) {
        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.failure()).contains("\"field\":\"" + field + "\"", "\"code\":\"" + code + "\"", message);
        assertThat(job.reportKey()).isNull();
        assertThat(api.aws.dynamoDb().scan(r -> r.tableName(api.aws.name("ResidentsTable"))).items())
                .as("no one registered").noneSatisfy(i -> assertThat(i.get("sk").s()).isEqualTo("R"));
    }

    /** {@code cells} with the cells at the given indexes replaced: a bad row made from a good one. */
    private static String row(String[] cells, Map<Integer, String> changes) {
        String[] copy = cells.clone();
        changes.forEach((i, v) -> copy[i] = v);
        return String.join(",", List.of(copy));
    }
}
