package community.linli.testkit;

import community.linli.tables.directory.Building;
import community.linli.tables.directory.Room;
import community.linli.tables.residents.IdCardNumber;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Residents CSV files as a community's staff export them for a bulk import (UTF-8 with Excel's
 * byte-order mark, CRLF), made up: households of three (head, spouse, child) in rooms of the demo
 * buildings, every tenth head an elderly person living alone (a sensitive tag, with its consent
 * date) and every seventh spouse a volunteer. The numbers are fictional but valid (GB 11643 check
 * character, a real birth date) and unique up to a million rows; {@code seed} shifts them, so two
 * files of one run do not collide.
 */
public final class ResidentsCsv {
    public static final String HEADER = "户号,楼栋,单元,房号,姓名,身份证号,手机号,与户主关系,居住类型,标签,同意日期,备注";
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    private static final String[] GIVEN = {"建国", "秀兰", "小明", "桂英", "志强", "丽华", "海燕", "文博", "静怡", "子涵"};

    private final List<Room> rooms;
    private final List<String> lines = new ArrayList<>();

    private ResidentsCsv(List<Room> rooms) {
        this.rooms = rooms;
    }

    /**
     * {@code households} rooms in the demo buildings ({@link DemoCommunity#buildings()}, in turn),
     * units 1 to 4, 14 floors of two doors, named as the places import names them; their
     * buildings' grids are the demo grids. Seed them with {@code DirectoryStore.putPlaces}.
     */
    public static List<Room> rooms(int households) {
        return rooms(0, households);
    }

    /** {@link #rooms(int)} from the {@code first}-th on. */
    public static List<Room> rooms(int first, int households) {
        List<Building> buildings = DemoCommunity.buildings();
        List<Room> rooms = new ArrayList<>();
        for (int i = first; i < first + households; i++) {
            Building b = buildings.get(i % buildings.size());
            int n = i / buildings.size();
            int unit = 1 + n / 28;
            int floor = 1 + (n % 28) / 2;
            int door = 1 + n % 2;
            String room = floor + (door < 10 ? "0" : "") + door;
            rooms.add(new Room(b.id(), Integer.toString(unit), room, unit + "单元" + room + "室"));
        }
        return rooms;
    }

    /**
     * A file of {@code rows} residents, 3 per household (the last one smaller), in
     * {@link #rooms(int, int)}{@code (seed * 1000, ceil(rows / 3))}: files of different seeds share no
     * room, household number or ID number.
     */
    public static ResidentsCsv of(int rows, int seed) {
        List<Room> rooms = rooms(seed * 1000, (rows + 2) / 3);
        ResidentsCsv csv = new ResidentsCsv(rooms);
        for (int i = 0; i < rows; i++) {
            int household = i / 3;
            int member = i % 3;
            Room room = rooms.get(household);
            String number = room.buildingId() + "-" + room.unitId() + "-" + room.id();
            int person = seed * 1_000_000 + i;
            String relation = member == 0 ? "户主" : member == 1 ? "配偶" : "子女";
            String born = member == 2 ? String.format("20%02d0%d1%d", person % 20, 1 + person % 9, person % 10)
                    : String.format("19%02d0%d1%d", 30 + person % 60, 1 + person % 9, person % 10);
            boolean alone = member == 0 && household % 10 == 0;
            String tags = alone ? "独居老人" : member == 1 && household % 7 == 0 ? "志愿者" : "";
            csv.lines.add(String.join(",", number, room.buildingId(), room.unitId(), room.id(),
                    SURNAMES[person % 10] + GIVEN[(person / 10) % 10], idNumber(born, person), phone(person), relation,
                    person % 5 == 0 ? "流动" : "常住", tags, alone ? "2026-11-01" : "", ""));
        }
        return csv;
    }

    /** A valid, fictional ID number of someone born on {@code yyyyMMdd}, unique per {@code person} below 10^6 per birth date. */
    public static String idNumber(String yyyyMMdd, int person) {
        String first17 = String.format("63%04d", person / 1000 % 10_000) + yyyyMMdd + String.format("%03d", person % 1000);
        return first17 + IdCardNumber.checkCharacter(first17);
    }

    /** A mainland mobile number for {@code person}. */
    public static String phone(int person) {
        return String.format("139%08d", person % 100_000_000);
    }

    public List<Room> rooms() {
        return rooms;
    }

    /** Data line {@code i} (0-based; the file's line {@code i + 2}). */
    public String line(int i) {
        return lines.get(i);
    }

    /** Replaces data line {@code i}: a test's bad row. */
    public ResidentsCsv set(int i, String line) {
        lines.set(i, line);
        return this;
    }

    public ResidentsCsv add(String line) {
        lines.add(line);
        return this;
    }

    public byte[] bytes() {
        StringBuilder out = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        lines.forEach(l -> out.append(l).append("\r\n"));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
