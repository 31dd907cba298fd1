package community.linli.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * Shows on the console each subscribe message (订阅消息) the fake WeChat API accepted, as the
 * resident sees it in WeChat: the template's keyword values in order, under the openid it went to
 * (the demo openids are {@code o-<demo code>}) and the page it opens.
 */
final class WeChatConsole {
    private WeChatConsole() {}

    static void print(PrintStream console, JsonNode message) {
        StringBuilder out = new StringBuilder().append("\n[").append(LocalTime.now().truncatedTo(ChronoUnit.SECONDS))
                .append("] WeChat subscribe message to ").append(message.path("touser").asText())
                .append(" (template ").append(message.path("template_id").asText()).append(", page ")
                .append(message.path("page").asText()).append(")\n    ");
        StringBuilder values = new StringBuilder();
        message.path("data").properties().forEach(field -> values.append(values.isEmpty() ? "" : " | ")
                .append(field.getValue().path("value").asText()));
        console.print(out.append(values).append('\n'));
        console.flush();
    }
}
