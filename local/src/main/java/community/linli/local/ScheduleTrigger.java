package community.linli.local;

import community.linli.testkit.LocalAws;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function's {@code Type: Schedule} or {@code ScheduleV2} event: invoked with the event's
 * {@code Input} (resolved like every template value) every {@code rate(...)}, the first time one
 * period after start, as EventBridge does. {@code cron(...)} expressions are not run locally; the
 * console says so. {@code LINLI_SCHEDULE_SECONDS} shortens every rate to that many seconds, to see
 * a five-minute sweep work without waiting.
 */
final class ScheduleTrigger implements Trigger {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    private final ScheduledExecutorService timer;
    private final String description;

    private ScheduleTrigger(ScheduledExecutorService timer, String description) {
        this.timer = timer;
        this.description = description;
    }

    static Trigger start(LocalAws aws, LocalFunction function, String eventName, Map<String, Object> properties,
                         PrintStream console, Duration override) {
        // SAM names it Schedule on Type: Schedule and ScheduleExpression on Type: ScheduleV2.
        Object raw = properties.containsKey("ScheduleExpression") ? properties.get("ScheduleExpression") : properties.get("Schedule");
        String expression = String.valueOf(aws.provisioned().resolve(raw));
        Matcher rate = RATE.matcher(expression);
        if (!rate.matches()) {
            console.println("[local] " + function.logicalId() + "." + eventName + ": " + expression + " does not run locally (only rate(...))");
            return null;
        }
        Duration period = override != null ? override : Duration.ofMinutes(Long.parseLong(rate.group(1)) * switch (rate.group(2).replaceAll("s$", "").toLowerCase(Locale.ROOT)) {
            case "minute" -> 1;
            case "hour" -> 60;
            default -> 24 * 60;
        });
        Object input = properties.get("Input");
        String json = input == null ? "{}" : aws.provisioned().resolve(input);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "schedule-" + function.logicalId());
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                String result = function.invoke(json);
                console.println("[schedule] " + function.logicalId() + " -> " + result);
            } catch (RuntimeException e) {
                console.println("[schedule] " + function.logicalId() + " failed: " + e.getMessage());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new ScheduleTrigger(timer, function.logicalId() + " <- " + expression + (override != null ? " (every " + override.toSeconds() + " s locally)" : ""));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
