package community.linli.testkit;

import community.linli.tables.directory.Building;
import community.linli.tables.directory.Category;
import community.linli.tables.directory.DirectoryStore;
import community.linli.tables.directory.Emergency;
import community.linli.tables.directory.Question;
import community.linli.tables.directory.Grid;
import community.linli.tables.directory.Room;
import community.linli.tables.directory.Tag;
import community.linli.tables.directory.Unit;
import community.linli.tables.staff.DutySlot;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import community.linli.tables.residents.Address;
import community.linli.tables.residents.Consent;
import community.linli.tables.residents.Gender;
import community.linli.tables.residents.Household;
import community.linli.tables.residents.NewResident;
import community.linli.tables.residents.Relation;
import community.linli.tables.residents.ResidenceType;
import community.linli.tables.residents.ResidentStore;
import community.linli.tables.staff.AlertPreferences;
import community.linli.tables.staff.NewStaff;
import community.linli.tables.staff.StaffRole;
import community.linli.tables.staff.StaffStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo community of the story: 15 grids (网格), four buildings in each (with map coordinates),
 * the request categories a community office sorts by, with their time limits, and its staff
 * registry: an admin, a staff member and one grid worker per grid, each with a phone. The local
 * runtime seeds it on start; tests seed it when they need a community to exist.
 */
public final class DemoCommunity {
    public static final String ID = "demo";
    public static final int GRIDS = 15;
    public static final int BUILDINGS_PER_GRID = 4;
    /** Where grid G01's first building stands (WGS-84). */
    public static final double ORIGIN_LATITUDE = 31.2200;
    public static final double ORIGIN_LONGITUDE = 121.4400;
    static final double GRID_SPACING_METERS = 300;
    static final double BUILDING_SPACING_METERS = 60;

    /** Staff ids equal the demo tokens' subjects, so a demo token and its registry entry line up. */
    public static final String ADMIN_ID = "demo-admin";
    public static final String STAFF_ID = "demo-staff";
    /** The grid worker of G03, the grid of the README's walkthrough. */
    public static final String GRID_WORKER_ID = "demo-grid-worker";
    public static final String ADMIN_PHONE = "13900000001";
    public static final String STAFF_PHONE = "13900000002";

    private static final String[] GRID_WORKER_NAMES = {
        "刘洋", "张伟", "王芳", "李娜", "陈军", "杨静", "赵磊", "黄丽", "周涛", "吴敏", "徐强", "孙燕", "马超", "朱红", "胡斌"};

    /** A registered person of the demo community and the staff id they are seeded under. */
    public record StaffSeed(String staffId, NewStaff registration) {}

    private DemoCommunity() {}

    public static List<Grid> grids() {
        List<Grid> grids = new ArrayList<>();
        for (int g = 1; g <= GRIDS; g++) grids.add(new Grid(gridId(g), "第" + g + "网格"));
        return grids;
    }

    /**
     * The buildings on the map: the grids in three rows of five, 300 m apart, starting at
     * {@link #ORIGIN_LATITUDE}, {@link #ORIGIN_LONGITUDE} and growing north and east; in each grid
     * four buildings, two by two, 60 m apart.
     */
    public static List<Building> buildings() {
        List<Building> buildings = new ArrayList<>();
        for (int g = 1; g <= GRIDS; g++) {
            for (int b = 1; b <= BUILDINGS_PER_GRID; b++) {
                int number = (g - 1) * BUILDINGS_PER_GRID + b;
                double north = (g - 1) / 5 * GRID_SPACING_METERS + (b - 1) / 2 * BUILDING_SPACING_METERS;
                double east = (g - 1) % 5 * GRID_SPACING_METERS + (b - 1) % 2 * BUILDING_SPACING_METERS;
                double[] at = offset(ORIGIN_LATITUDE, ORIGIN_LONGITUDE, north, east);
                buildings.add(new Building(buildingId(g, b), gridId(g), number + "号楼", at[0], at[1]));
            }
        }
        return buildings;
    }

    public static Building building(String id) {
        return buildings().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    /** The point {@code north} and {@code east} meters from a point (negative: south, west), to the micro-degree. */
    public static double[] offset(double latitude, double longitude, double north, double east) {
        double metersPerDegree = 111_320;
        return new double[] {
                Math.round((latitude + north / metersPerDegree) * 1e6) / 1e6,
                Math.round((longitude + east / (metersPerDegree * Math.cos(Math.toRadians(latitude)))) * 1e6) / 1e6};
    }

    public static List<Category> categories() {
        return List.of(
                Category.hours("elevator", "电梯故障", "Elevator breakdown", 24).withQuestions(List.of(
                        new Question("trapped", "是否有人被困？", "Is anyone trapped?", Question.Type.SINGLE_CHOICE, true,
                                List.of("有人被困", "无人被困"), List.of("Someone is trapped", "No one is trapped"), null, null, null),
                        new Question("floor", "电梯停在几楼？", "Which floor is the elevator stuck at?", Question.Type.NUMBER, false,
                                List.of(), null, null, -5.0, 99.0))),
                Category.hours("water_leak", "漏水渗水", "Water leak", 24),
                Category.hours("power_outage", "停电断电", "Power outage", 12),
                Category.hours("elderly_help", "独居老人求助", "Help for an elderly person living alone", 4).withQuestions(List.of(
                        new Question("needs", "需要哪些帮助？", "What help is needed?", Question.Type.MULTI_CHOICE, true,
                                List.of("就医", "买菜送餐", "行动不便", "联系家属", "其他"),
                                List.of("Seeing a doctor", "Groceries and meals", "Getting around", "Contacting family", "Other"),
                                null, null, null))),
                Category.hours("safety_hazard", "安全隐患", "Safety hazard", 24),
                Category.hours("sanitation", "环境卫生", "Sanitation", 48),
                Category.hours("noise", "噪音扰民", "Noise", 48),
                Category.hours("facilities", "公共设施维修", "Repair of shared facilities", 72),
                Category.hours("parking", "停车管理", "Parking", 72),
                Category.workingDays("dispute", "邻里纠纷", "Neighbour dispute", 5),
                Category.workingDays("other", "其他", "Other", 5),
                Category.hours("fire", "火情", "Fire", 1).withEmergency(new Emergency("如遇火情，请立即拨打 119，并通知邻居撤离",
                        "If there is a fire, call 119 at once and warn your neighbours to leave", "119")));
    }

    /** The managed tag list a new community starts with; sensitive ones need consent (PIPL art. 28, 29). */
    public static List<Tag> tags() {
        return List.of(
                new Tag("elderly_alone", "独居老人", "Elderly living alone", true, 7),
                new Tag("elderly_80", "八十岁以上老人", "Aged 80 or over", false, 30),
                new Tag("disability", "残疾人", "Person with a disability", true, 30),
                new Tag("low_income", "低保户", "Low-income household", true, null),
                new Tag("left_behind_child", "留守儿童", "Left-behind child", true, 14),
                new Tag("veteran", "退役军人", "Veteran", false, null),
                new Tag("volunteer", "志愿者", "Volunteer", false, null));
    }

    /**
     * Rooms of the demo buildings: units 1 and 2, floors 1 to 3, two rooms a floor
     * ({@code B0301 / 1 / 302}), twelve a building.
     */
    public static List<Room> rooms() {
        List<Room> rooms = new ArrayList<>();
        for (Building building : buildings()) {
            for (int unit = 1; unit <= 2; unit++) {
                for (int floor = 1; floor <= 3; floor++) {
                    for (int door = 1; door <= 2; door++) {
                        String room = floor + "0" + door;
                        rooms.add(new Room(building.id(), Integer.toString(unit), room, unit + "单元" + room + "室"));
                    }
                }
            }
        }
        return rooms;
    }

    /** Units 1 and 2 of every demo building ({@code 1单元}), the units {@link #rooms()} are in. */
    public static List<Unit> units() {
        List<Unit> units = new ArrayList<>();
        for (Building building : buildings()) {
            for (int unit = 1; unit <= 2; unit++) units.add(new Unit(building.id(), Integer.toString(unit), unit + "单元"));
        }
        return units;
    }

    /**
     * The demo community's places as the CSV an admin imports ({@code POST /places/import}): one row
     * per room of {@link #rooms()}, with the grid's, building's, unit's and room's names and the
     * building's coordinates, so that importing it gives what {@link #seed} and {@link #seedRooms}
     * write. UTF-8 with Excel's byte-order mark, CRLF line ends.
     */
    public static byte[] placesCsv() {
        Map<String, Grid> grids = new HashMap<>();
        grids().forEach(g -> grids.put(g.id(), g));
        Map<String, Building> buildings = new HashMap<>();
        buildings().forEach(b -> buildings.put(b.id(), b));
        StringBuilder csv = new StringBuilder("\uFEFF网格,网格名称,楼栋,楼栋名称,纬度,经度,单元,单元名称,房号,房间名称\r\n");
        for (Room room : rooms()) {
            Building b = buildings.get(room.buildingId());
            csv.append(String.join(",", b.gridId(), grids.get(b.gridId()).name(), b.id(), b.name(),
                    Double.toString(b.latitude()), Double.toString(b.longitude()), room.unitId(), room.unitId() + "单元",
                    room.id(), room.name())).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The admin, the staff member, then the grid worker of each grid (G03's is {@link #GRID_WORKER_ID}). */
    public static List<StaffSeed> staff() {
        List<StaffSeed> staff = new ArrayList<>();
        staff.add(new StaffSeed(ADMIN_ID, new NewStaff("赵敏", ADMIN_PHONE, StaffRole.ADMIN, List.of())));
        staff.add(new StaffSeed(STAFF_ID, new NewStaff("陈静", STAFF_PHONE, StaffRole.STAFF, List.of())));
        for (int g = 1; g <= GRIDS; g++) {
            staff.add(new StaffSeed(gridWorkerId(g), new NewStaff(GRID_WORKER_NAMES[g - 1], gridWorkerPhone(g),
                    StaffRole.GRID_WORKER, List.of(gridId(g)))));
        }
        return staff;
    }

    /** The staff id of grid {@code g}'s worker: {@code demo-grid-worker} for G03, {@code demo-grid-worker-g01} for the others. */
    public static String gridWorkerId(int grid) {
        return grid == 3 ? GRID_WORKER_ID : String.format("demo-grid-worker-g%02d", grid);
    }

    /** The phone of grid {@code g}'s worker: {@code 137000000gg}. */
    public static String gridWorkerPhone(int grid) {
        return String.format("137000000%02d", grid);
    }

    public static String gridId(int grid) {
        return String.format("G%02d", grid);
    }

    /** Building {@code b} of grid {@code g}: {@code B0301} is the first building of grid G03. */
    public static String buildingId(int grid, int building) {
        return String.format("B%02d%02d", grid, building);
    }

    public static void seed(DirectoryStore directory) {
        seed(directory, ID);
    }

    /** {@link #seed(DirectoryStore)} into the DirectoryTable of {@code aws}, copied from an earlier test's where it can be ({@link LocalAws#seedOnce}). */
    public static void seed(LocalAws aws) {
        aws.seedOnce("demo-directory", List.of("DirectoryTable"), () -> seed(new DirectoryStore(aws.dynamoDb(), aws.name("DirectoryTable"))));
    }

    public static void seed(DirectoryStore directory, String communityId) {
        directory.putAll(communityId, grids(), buildings(), categories(), tags());
        directory.putPlaces(communityId, List.of(), List.of(), units(), List.of());
    }

    /** The categories and the tag list alone: what a community holds besides its places, which the local app imports as a CSV. */
    public static void seedCatalogue(DirectoryStore directory, String communityId) {
        directory.putAll(communityId, List.of(), List.of(), categories(), tags());
    }

    /** The rooms of {@link #rooms()}: about 30 batch writes, so only for tests and the local app that need addresses. */
    public static void seedRooms(DirectoryStore directory, String communityId) {
        directory.putPlaces(communityId, List.of(), List.of(), List.of(), rooms());
    }

    /** The demo household of three in G03's B0301, unit 1, room 302, and its members (李桂英 lives alone, with consent, and is over 80). */
    public static final String HOUSEHOLD_ID = "hh-demo-b0301-1-302";
    public static final String HEAD_ID = "r-demo-li-jianguo";
    public static final String SPOUSE_ID = "r-demo-wang-xiulan";
    public static final String ELDERLY_ID = "r-demo-li-guiying";
    public static final String HEAD_ID_NUMBER = "630102197205140312";
    public static final String HEAD_PHONE = "13800000001";
    public static final String ELDERLY_ID_NUMBER = "630102194103090269";
    /** The household of B0302/1/101 and its one resident, whose phone a resident signing in with WeChat will share. */
    public static final String SECOND_HOUSEHOLD_ID = "hh-demo-b0302-1-101";
    public static final String PHONE_RESIDENT_ID = "r-demo-zhang-ming";
    public static final String PHONE_RESIDENT_PHONE = "13800000003";
    public static final String PHONE_RESIDENT_ID_NUMBER = "63010219800601123X";

    /** A demo resident, the household they join and the id they are seeded under. */
    public record ResidentSeed(String residentId, String householdId, NewResident registration) {}

    /** The demo households: id, number and address. */
    public static List<Household> households() {
        return List.of(
                new Household(ID, HOUSEHOLD_ID, "0301-1-302", new Address("G03", "B0301", "1", "302"), null, 1, null, null),
                new Household(ID, SECOND_HOUSEHOLD_ID, "0302-1-101", new Address("G03", "B0302", "1", "101"), null, 1, null, null));
    }

    /** The demo residents, heads first (ID numbers fictional, with valid GB 11643 check characters). */
    public static List<ResidentSeed> residents() {
        LocalDate movedIn = LocalDate.of(2015, 3, 1);
        Consent consent = new Consent("elderly_alone", LocalDate.of(2026, 11, 20), GRID_WORKER_ID, java.time.Instant.parse("2026-11-20T02:00:00Z"));
        return List.of(
                new ResidentSeed(HEAD_ID, HOUSEHOLD_ID, new NewResident("李建国", HEAD_ID_NUMBER, LocalDate.of(1972, 5, 14), Gender.MALE,
                        HEAD_PHONE, Relation.HEAD, ResidenceType.PERMANENT, List.of(), List.of(), List.of(), null, movedIn)),
                new ResidentSeed(SPOUSE_ID, HOUSEHOLD_ID, new NewResident("王秀兰", "630102197408020425", LocalDate.of(1974, 8, 2),
                        Gender.FEMALE, "13800000002", Relation.SPOUSE, ResidenceType.PERMANENT, List.of(), List.of(), List.of(), null, movedIn)),
                new ResidentSeed(ELDERLY_ID, HOUSEHOLD_ID, new NewResident("李桂英", ELDERLY_ID_NUMBER, LocalDate.of(1941, 3, 9),
                        Gender.FEMALE, null, Relation.PARENT, ResidenceType.PERMANENT, List.of("elderly_alone", "elderly_80"),
                        List.of("elderly_alone"), List.of(consent), "独居，子女每周探望", movedIn)),
                new ResidentSeed(PHONE_RESIDENT_ID, SECOND_HOUSEHOLD_ID, new NewResident("张明", PHONE_RESIDENT_ID_NUMBER,
                        LocalDate.of(1980, 6, 1), Gender.MALE, PHONE_RESIDENT_PHONE, Relation.HEAD, ResidenceType.FLOATING,
                        List.of(), List.of(), List.of(), null, LocalDate.of(2024, 9, 1))));
    }

    /** Registers the demo households and residents through the store, as a grid worker would: ID numbers and phones sealed, one claim each. */
    /** The demo tags' care cadences (tag code → days), as the registry reads them from the directory. */
    public static java.util.Map<String, Integer> careCadences() {
        java.util.Map<String, Integer> cadences = new java.util.HashMap<>();
        tags().stream().filter(t -> t.careCadenceDays() != null).forEach(t -> cadences.put(t.code(), t.careCadenceDays()));
        return cadences;
    }

    /** Registers the demo households and residents through the store, 李桂英 on the care-visit list of G03. */
    public static void seedResidents(ResidentStore residents) {
        java.util.Map<String, Household> households = new java.util.HashMap<>();
        for (Household h : households()) {
            households.put(h.householdId(), residents.createHousehold(ID, h.householdId(), h.householdNumber(), h.address()));
        }
        for (ResidentSeed seed : residents()) {
            residents.register(ID, seed.residentId(), households.get(seed.householdId()), seed.registration(), GRID_WORKER_ID,
                    careCadences());
        }
    }

    /** Registers the demo staff through the store, as an admin would: phones sealed, one claim each. */
    public static void seedStaff(StaffStore staff) {
        seedStaff(staff, ID);
    }

    public static void seedStaff(StaffStore staff, String communityId) {
        for (StaffSeed seed : staff()) staff.register(communityId, seed.staffId(), seed.registration());
    }

    /**
     * Some members' own alert preferences, as {@code PUT /me/alert-preferences} stores them: the
     * grid worker of G15 wants no email for each ordinary new request of their grid, the admin
     * wants low ratings by SMS. The others keep the defaults, which the README's walkthrough shows.
     */
    public static Map<String, AlertPreferences> alertPreferences() {
        return Map.of(
                gridWorkerId(15), new AlertPreferences(Map.of("new_request",
                        new AlertPreferences.Choice(AlertPreferences.SMS, AlertPreferences.OFF)), null),
                ADMIN_ID, new AlertPreferences(Map.of("low_rating",
                        new AlertPreferences.Choice(AlertPreferences.SMS, AlertPreferences.SMS)), null));
    }

    /** Stores {@link #alertPreferences()} on the seeded members of the demo community. */
    public static void seedAlertPreferences(StaffStore staff) {
        alertPreferences().forEach((staffId, preferences) ->
                staff.setAlertPreferences(staff.get(ID, staffId).orElseThrow(), preferences));
    }

    /**
     * {@link #seedStaff(StaffStore)} into the StaffTable of {@code aws}, phones sealed with its keys, at
     * {@code clock}'s instant; copied from an earlier test's where it can be ({@link LocalAws#seedOnce}).
     */
    public static void seedStaff(LocalAws aws, java.time.Clock clock) {
        aws.seedOnce("demo-staff@" + clock.instant(), List.of("StaffTable"), () -> seedStaff(new StaffStore(aws.dynamoDb(),
                aws.name("StaffTable"), crypto(aws), clock)));
    }

    /**
     * {@link #seedResidents(ResidentStore)} into the ResidentsTable of {@code aws}, sealed with its keys,
     * at {@code clock}'s instant; copied from an earlier test's where it can be ({@link LocalAws#seedOnce}).
     */
    public static void seedResidents(LocalAws aws, java.time.Clock clock) {
        aws.seedOnce("demo-residents@" + clock.instant(), List.of("ResidentsTable"), () -> seedResidents(new ResidentStore(aws.dynamoDb(),
                aws.name("ResidentsTable"), crypto(aws), clock)));
    }

    /** Field encryption as the functions build it, with the keys of {@code aws}. */
    static community.linli.platform.crypto.FieldCrypto crypto(LocalAws aws) {
        return new community.linli.platform.crypto.FieldCrypto(aws.kms(), aws.provisioned().ref("FieldKey"), aws.provisioned().ref("LookupKey"));
    }

    /**
     * The demo duty: 赵敏 ({@link #ADMIN_ID}) is the community's head, and 陈静 ({@link #STAFF_ID}) is on
     * duty round the clock, every day (a slot from 00:00 to 00:00), so what reaches on-duty staff does
     * not depend on the hour a demo or a test runs.
     */
    public static void seedDuty(StaffStore staff) {
        staff.putDuty(ID, ADMIN_ID, List.of(new DutySlot(List.of(DayOfWeek.values()), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                List.of(STAFF_ID))), 0);
    }

    /**
     * The demo holiday: on the next New Year's Day (元旦) after {@code today}, a roster of its own has
     * 赵敏 ({@link #ADMIN_ID}) on duty all day instead of the weekly roster's 陈静; returns the date.
     */
    public static LocalDate seedHolidayDuty(StaffStore staff, LocalDate today) {
        LocalDate newYear = LocalDate.of(today.getYear() + 1, 1, 1);
        staff.putDutyDate(ID, newYear, List.of(new DutySlot(List.of(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, List.of(ADMIN_ID))));
        return newYear;
    }
}
