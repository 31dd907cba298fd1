package community.linli.local;

import community.linli.testkit.LocalAws;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a {@link Trigger} for each non-HTTP event of each function in the template. */
final class Triggers {
    private Triggers() {}

    static List<Trigger> start(LocalAws aws, Map<String, LocalFunction> functions, PrintStream console) {
        List<Trigger> triggers = new ArrayList<>();
        try {
            functions.forEach((logicalId, function) -> events(aws, logicalId).forEach((name, value) -> {
                Map<String, Object> event = map(value);
                Map<String, Object> properties = map(event.get("Properties"));
                switch (String.valueOf(event.get("Type"))) {
                    case "HttpApi" -> { } // served by the HttpApiGateway
                    case "DynamoDB" -> triggers.add(DynamoDbStreamTrigger.start(aws, function, name, properties, console));
                    case "SQS" -> triggers.add(SqsTrigger.start(aws, function, name, properties, console));
                    case "Schedule", "ScheduleV2" -> {
                        Trigger schedule = ScheduleTrigger.start(aws, function, name, properties, console, scheduleOverride());
                        if (schedule != null) triggers.add(schedule);
                    }
                    default -> console.println("[local] " + logicalId + "." + name + ": events of type "
                            + event.get("Type") + " do not run locally");
                }
            }));
            return triggers;
        } catch (RuntimeException e) {
            triggers.forEach(Trigger::close);
            throw e;
        }
    }

    /** {@code LINLI_SCHEDULE_SECONDS}: run every schedule this often instead of at its own rate. */
    private static java.time.Duration scheduleOverride() {
        String seconds = System.getenv("LINLI_SCHEDULE_SECONDS");
        return seconds == null || seconds.isBlank() ? null : java.time.Duration.ofSeconds(Long.parseLong(seconds.trim()));
    }

    private static Map<String, Object> events(LocalAws aws, String functionLogicalId) {
        return map(aws.template().properties(functionLogicalId).get("Events"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
