package community.linli.auth;

import community.linli.platform.http.Check;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /auth/subscriptions}: a fresh {@code wx.login} code, and what the resident
 * answered {@code wx.requestSubscribeMessage}, template id to {@code accept}, {@code reject},
 * {@code ban} or {@code filter} (its {@code res} without {@code errMsg}). WeChat asks for at most
 * {@value #MAX_TEMPLATES} templates at once.
 */
record SubscriptionsBody(String code, Map<String, String> templates) {
    static final int MAX_TEMPLATES = 3;
    static final java.util.List<String> ANSWERS = java.util.List.of("accept", "reject", "ban", "filter");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern TEMPLATE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    SubscriptionsBody {
        Check check = Check.of().requiredText("code", code, CodeBody.MAX_CODE);
        if (check.valid()) check.matches("code", code, CODE);
        check.required("templates", templates);
        if (templates != null) {
            if (templates.isEmpty() || templates.size() > MAX_TEMPLATES) check.maxItems("templates", templates.keySet(), MAX_TEMPLATES);
            if (templates.isEmpty()) check.add("templates", "required");
            for (var entry : templates.entrySet()) {
                String field = "templates." + entry.getKey();
                if (!TEMPLATE_ID.matcher(entry.getKey()).matches()) check.add("templates", "pattern");
                else check.oneOf(field, entry.getValue(), ANSWERS);
            }
        }
        check.done();
    }
}
