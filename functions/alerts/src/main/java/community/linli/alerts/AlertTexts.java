package community.linli.alerts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Every text an alert carries, in one place, as templates with named variables (what a Chinese SMS
 * provider registers as a 模板). They name only what staff need to find the request: its tracking
 * number, category, building, due time, a rating's score and the link. Never the description
 * (residents type phone numbers into it), the requester, the contact phone, a room, or anything of
 * a resident's record: an alert about a hidden-identity request reads like any other.
 *
 * <p>An SMS is one segment, 70 characters, where it can be: when the names are long, the building's
 * and then the category's are shortened, never the tracking number or the link.
 */
public final class AlertTexts {
    /** One SMS segment of Chinese text (UCS-2). */
    public static final int SMS_LENGTH = 70;
    private static final int SHORTEST_NAME = 2;
    private static final ZoneId COMMUNITY_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("M月d日 HH:mm").withZone(COMMUNITY_ZONE);

    /** The SMS (and the first line of the email) of each kind. */
    private static final Map<AlertKind, String> HEADLINES = Map.of(
            AlertKind.NEW_REQUEST, "新诉求{id}：{category}，{building}。{link}",
            AlertKind.ASSIGNED, "诉求{id}已派给您：{category}，{building}。{link}",
            AlertKind.TRANSFERRED, "诉求{id}已转派给您：{category}，{building}。{link}",
            AlertKind.REOPENED, "诉求{id}被重新打开：{category}，{building}。{link}",
            AlertKind.LOW_RATING, "诉求{id}获{score}星差评：{category}，{building}。{link}",
            AlertKind.OVERDUE, "诉求{id}超期未办结：{category}，{building}。{link}",
            AlertKind.PRE_OVERDUE, "诉求{id}即将超期：{category}，{building}。{link}",
            AlertKind.OVERDUE_ON_DUTY, "诉求{id}超期升级：{category}，{building}。{link}",
            AlertKind.OVERDUE_HEAD, "诉求{id}超期请督办：{category}，{building}。{link}");

    private static final Map<AlertKind, String> SUBJECTS = Map.of(
            AlertKind.NEW_REQUEST, "邻里 新诉求 {id}",
            AlertKind.ASSIGNED, "邻里 派单 {id}",
            AlertKind.TRANSFERRED, "邻里 转派 {id}",
            AlertKind.REOPENED, "邻里 诉求重新打开 {id}",
            AlertKind.LOW_RATING, "邻里 差评 {id}",
            AlertKind.OVERDUE, "邻里 诉求超期 {id}",
            AlertKind.PRE_OVERDUE, "邻里 诉求即将超期 {id}",
            AlertKind.OVERDUE_ON_DUTY, "邻里 超期升级至值班 {id}",
            AlertKind.OVERDUE_HEAD, "邻里 超期升级至社区负责人 {id}");

    private static final String EMAIL_DETAILS = "\n\n诉求编号：{id}\n类别：{category}\n位置：{building}\n紧急程度：{urgency}\n办理期限：{due}\n详情：{link}\n";

    private static final Map<String, String> URGENCY = Map.of("low", "低", "normal", "一般", "high", "高", "urgent", "紧急");

    /**
     * What the texts say about the request. {@code building} is the building's name, or null when
     * the request was filed at a point with no building; {@code score} only for a rating.
     */
    public record Facts(String requestId, String category, String building, String urgency, Instant due, Integer score, String link) {}

    private static final String DIGEST_SUBJECT = "邻里 夜间提醒汇总 {count}条";
    private static final String DIGEST_TEXT = "免打扰时段内有{count}条提醒：\n\n{list}\n全部诉求：{link}\n";

    /**
     * An emergency notice's SMS (and its email's first line): its title, shortened to fit one
     * segment, and the link that opens it. Staff wrote the title for every household to read.
     */
    private static final String EMERGENCY = "【紧急通知】{title}。{link}";
    private static final String EMERGENCY_SUBJECT = "邻里 紧急通知 {title}";
    private static final String EMERGENCY_EMAIL = "\n\n请立即告知本网格住户，并跟进未确认的住户。\n";
    /** SNS refuses a subject of 100 characters or more. */
    private static final int SUBJECT_TITLE = 60;

    private AlertTexts() {}

    /** An emergency notice's SMS: one segment where the title allows it (shortened to two characters at the least), never the link cut. */
    public static String emergencySms(String title, String link) {
        return EMERGENCY.replace("{title}", emergencyTitle(title, link)).replace("{link}", link);
    }

    /**
     * An emergency notice's SMS template variables ({@link #smsVariables}' counterpart): the title as
     * the SMS shows it, and the notice's id, which the registered template's link ends in
     * ({@code NoticeLinkBaseUrl/${id}}); never the link itself, which the providers refuse in a variable.
     */
    public static Map<String, String> emergencySmsVariables(String title, String noticeId, String link) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("title", emergencyTitle(title, link));
        out.put("id", noticeId);
        return out;
    }

    private static String emergencyTitle(String title, String link) {
        String shown = title;
        while (EMERGENCY.replace("{title}", shown).replace("{link}", link).length() > SMS_LENGTH && shown.length() > SHORTEST_NAME) {
            shown = shorter(shown);
        }
        return shown;
    }

    /** An emergency notice's text on {@code channel}: the SMS, or the email's body (the whole title). */
    public static String emergencyText(Channel channel, String title, String link) {
        return channel == Channel.SMS ? emergencySms(title, link)
                : EMERGENCY.replace("{title}", title).replace("{link}", link) + EMERGENCY_EMAIL;
    }

    /** An emergency notice's email subject. */
    public static String emergencySubject(String title) {
        String shown = title.length() > SUBJECT_TITLE ? title.substring(0, SUBJECT_TITLE - 1) + "…" : title;
        return EMERGENCY_SUBJECT.replace("{title}", shown);
    }

    /** The morning digest's email subject. */
    public static String digestSubject(int count) {
        return DIGEST_SUBJECT.replace("{count}", String.valueOf(count));
    }

    /**
     * The morning digest's email: each held alert's headline (its SMS text, which names no person),
     * numbered in the order given, and the link to the staff's requests.
     */
    public static String digestText(java.util.List<String> headlines, String link) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < headlines.size(); i++) list.append(i + 1).append(". ").append(headlines.get(i)).append('\n');
        return DIGEST_TEXT.replace("{count}", String.valueOf(headlines.size())).replace("{list}", list).replace("{link}", link);
    }

    /** The email subject. */
    public static String subject(AlertKind kind, Facts facts) {
        return fill(SUBJECTS.get(kind), facts, facts.category(), building(facts));
    }

    /** The text of an alert on {@code channel}: the SMS, or the email's body. */
    public static String text(AlertKind kind, Channel channel, Facts facts) {
        return channel == Channel.SMS ? sms(kind, facts)
                : fill(HEADLINES.get(kind) + EMAIL_DETAILS, facts, facts.category(), building(facts));
    }

    /** The SMS, shortened to one segment where the names allow it. */
    public static String sms(AlertKind kind, Facts facts) {
        String[] names = smsNames(kind, facts);
        return fill(HEADLINES.get(kind), facts, names[0], names[1]);
    }

    /**
     * The SMS's variables by name ({@code id}, {@code score}, {@code category}, {@code building}), in
     * the order its text names them, with the names shortened as {@link #sms} shortens them: what a
     * Chinese provider's registered template (模板) of the kind is filled with (Aliyun by name,
     * Tencent Cloud by position). Not the link: the providers refuse a URL in a variable (Aliyun's
     * {@code isv.PARAM_NOT_SUPPORT_URL}), so the registered template writes it out, ending in the
     * {@code id} ({@code AlertLinkBaseUrl/${id}}). Nothing else of the request is in them.
     */
    public static Map<String, String> smsVariables(AlertKind kind, Facts facts) {
        String[] names = smsNames(kind, facts);
        Map<String, String> values = Map.of("id", facts.requestId(), "category", names[0], "building", names[1],
                "score", facts.score() == null ? "" : String.valueOf(facts.score()));
        Map<String, String> out = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = PLACEHOLDER.matcher(HEADLINES.get(kind));
        while (m.find()) {
            if (values.containsKey(m.group(1))) out.put(m.group(1), values.get(m.group(1)));
        }
        return out;
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([a-z]+)}");

    /** The category's and the building's names as the SMS carries them: shortened until it is one segment, where they allow it. */
    private static String[] smsNames(AlertKind kind, Facts facts) {
        String category = facts.category();
        String building = building(facts);
        String text = fill(HEADLINES.get(kind), facts, category, building);
        while (text.length() > SMS_LENGTH && (building.length() > SHORTEST_NAME || category.length() > SHORTEST_NAME)) {
            if (building.length() > SHORTEST_NAME) building = shorter(building);
            else category = shorter(category);
            text = fill(HEADLINES.get(kind), facts, category, building);
        }
        return new String[] {category, building};
    }

    private static String shorter(String name) {
        String cut = name.endsWith("…") ? name.substring(0, name.length() - 1) : name;
        return cut.substring(0, cut.length() - 1) + "…";
    }

    private static String building(Facts facts) {
        return facts.building() == null ? "未关联楼栋" : facts.building();
    }

    private static String fill(String template, Facts facts, String category, String building) {
        return template.replace("{id}", facts.requestId())
                .replace("{category}", category)
                .replace("{building}", building)
                .replace("{urgency}", URGENCY.getOrDefault(facts.urgency(), facts.urgency()))
                .replace("{due}", facts.due() == null ? "无" : DUE.format(facts.due()))
                .replace("{score}", facts.score() == null ? "" : String.valueOf(facts.score()))
                .replace("{link}", facts.link());
    }
}
