package community.linli.testkit;

import static community.linli.testkit.Template.list;
import static community.linli.testkit.Template.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link Provisioner} created: for each logical id, what {@code !Ref} and {@code !GetAtt}
 * return on the emulator, so template values such as {@code TABLE_NAME: !Ref RequestsTable}
 * resolve exactly as CloudFormation would resolve them.
 */
public final class Provisioned {
    public static final String ACCOUNT_ID = "123456789012";
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final String prefix;
    private final Template template;
    /** The prefix of the set whose requests made this one ({@link #renamed}); null when made through the APIs here. */
    private String clonedFrom;
    private final Map<String, String> refs = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> attributes = new LinkedHashMap<>();

    Provisioned(String prefix, Template template) {
        this.prefix = prefix;
        this.template = template;
    }

    void record(String logicalId, String ref, Map<String, String> attrs) {
        refs.put(logicalId, ref);
        attributes.put(logicalId, Map.copyOf(attrs));
    }

    /**
     * This set as it stands under {@code newPrefix} when the same requests made it there (scripts/moto_server.py,
     * 15): every name, URL and ARN with this set's prefix where a name starts (and its lower case, as bucket names
     * have it) under the new one, then what a name does not tell ({@code refs}, {@code attributes}: a stream's ARN
     * holds when it was made, a secret's ARN a random suffix) over it, by logical id.
     */
    Provisioned renamed(String newPrefix, Map<String, String> newRefs, Map<String, Map<String, String>> newAttributes) {
        List<Map.Entry<Pattern, String>> swaps = new java.util.ArrayList<>(List.of(Map.entry(naming(prefix), newPrefix)));
        String lower = prefix.toLowerCase(java.util.Locale.ROOT);
        if (!lower.equals(prefix)) swaps.add(Map.entry(naming(lower), newPrefix.toLowerCase(java.util.Locale.ROOT)));
        java.util.function.UnaryOperator<String> swap = value -> {
            for (var s : swaps) value = s.getKey().matcher(value).replaceAll(Matcher.quoteReplacement(s.getValue()));
            return value;
        };
        Provisioned out = new Provisioned(newPrefix, template);
        out.clonedFrom = prefix;
        refs.forEach((logicalId, ref) -> {
            Map<String, String> attrs = new LinkedHashMap<>();
            attributes.get(logicalId).forEach((name, value) -> attrs.put(name, swap.apply(value)));
            attrs.putAll(newAttributes.getOrDefault(logicalId, Map.of()));
            out.record(logicalId, newRefs.getOrDefault(logicalId, swap.apply(ref)), attrs);
        });
        return out;
    }

    /** The logical ids of what was created, in the order they were. */
    java.util.Set<String> logicalIds() {
        return java.util.Collections.unmodifiableSet(refs.keySet());
    }

    /** {@code prefix} where a name starts: not after a letter or digit, unless that is a percent-encoded character's. */
    private static Pattern naming(String prefix) {
        return Pattern.compile("(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f]{2}))" + Pattern.quote(prefix));
    }

    /** The prefix of the set this one was cloned from by moto (scripts/moto_server.py, 15), or null. */
    public String clonedFrom() {
        return clonedFrom;
    }

    public String prefix() {
        return prefix;
    }

    /** The physical name: what {@code !Ref} returns for tables and buckets, the name part of a topic or queue. */
    public String name(String logicalId) {
        Map<String, String> attrs = attributes.get(logicalId);
        if (attrs == null) throw new IllegalArgumentException(logicalId + " was not provisioned");
        return attrs.getOrDefault("Name", refs.get(logicalId));
    }

    public String ref(String logicalId) {
        String ref = refs.get(logicalId);
        if (ref == null) throw new IllegalArgumentException(logicalId + " was not provisioned");
        return ref;
    }

    public String arn(String logicalId) {
        return attribute(logicalId, "Arn");
    }

    public String attribute(String logicalId, String attribute) {
        Map<String, String> attrs = attributes.get(logicalId);
        String value = attrs == null ? null : attrs.get(attribute);
        if (value == null) throw new IllegalArgumentException(logicalId + "." + attribute + " is not known locally");
        return value;
    }

    public boolean has(String logicalId) {
        return refs.containsKey(logicalId);
    }

    /** The function's template environment variables with every intrinsic resolved. */
    public Map<String, String> resolveEnvironment(Template template, String functionLogicalId) {
        Map<String, String> out = new LinkedHashMap<>();
        template.environmentOf(functionLogicalId).forEach((name, value) -> out.put(name, resolve(value)));
        return out;
    }

    /** Resolves a template value: literals, Ref, GetAtt, Sub, Join, If, and the pseudo parameters. */
    public String resolve(Object value) {
        if (value == null) return null;
        if (value instanceof String s) return s;
        if (value instanceof Number || value instanceof Boolean) return String.valueOf(value);
        Map<String, Object> fn = map(value);
        if (fn.containsKey("Ref")) return resolveRef(String.valueOf(fn.get("Ref")));
        if (fn.containsKey("Fn::GetAtt")) {
            List<Object> parts = list(fn.get("Fn::GetAtt"));
            return attribute(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
        }
        if (fn.containsKey("Fn::Sub")) return resolveSub(fn.get("Fn::Sub"));
        if (fn.containsKey("Fn::Join")) {
            List<Object> parts = list(fn.get("Fn::Join"));
            // A Ref to a CommaDelimitedList parameter stands for the list itself.
            List<String> items = parts.get(1) instanceof List<?> literal
                    ? literal.stream().map(this::resolve).toList()
                    : List.of(resolve(parts.get(1)).split(",", -1));
            return String.join(String.valueOf(parts.get(0)), items);
        }
        if (fn.containsKey("Fn::If")) {
            List<Object> parts = list(fn.get("Fn::If"));
            return resolve(condition(String.valueOf(parts.get(0))) ? parts.get(1) : parts.get(2));
        }
        throw new IllegalArgumentException("Cannot resolve " + value + " locally");
    }

    /** Evaluates a template condition with parameter defaults. */
    public boolean condition(String name) {
        Object definition = map(templateConditions()).get(name);
        if (definition == null) throw new IllegalArgumentException("template.yaml has no condition " + name);
        return evaluate(definition);
    }

    private Object templateConditions() {
        return template.conditions();
    }

    private boolean evaluate(Object expression) {
        Map<String, Object> fn = map(expression);
        if (fn.containsKey("Fn::Equals")) {
            List<Object> pair = list(fn.get("Fn::Equals"));
            return String.valueOf(resolve(pair.get(0))).equals(String.valueOf(resolve(pair.get(1))));
        }
        if (fn.containsKey("Fn::Not")) return !evaluate(list(fn.get("Fn::Not")).get(0));
        if (fn.containsKey("Fn::And")) return list(fn.get("Fn::And")).stream().allMatch(this::evaluate);
        if (fn.containsKey("Fn::Or")) return list(fn.get("Fn::Or")).stream().anyMatch(this::evaluate);
        if (fn.containsKey("Condition")) return condition(String.valueOf(fn.get("Condition")));
        throw new IllegalArgumentException("Cannot evaluate condition " + expression);
    }

    private String resolveRef(String name) {
        switch (name) {
            case "AWS::Region": return LocalAws.REGION;
            case "AWS::AccountId": return ACCOUNT_ID;
            case "AWS::Partition": return "aws";
            case "AWS::URLSuffix": return "amazonaws.com";
            case "AWS::StackName": return "linli-local";
            case "AWS::NoValue": return null;
            default:
        }
        if (refs.containsKey(name)) return refs.get(name);
        if (template.isParameter(name)) return template.parameterDefault(name);
        throw new IllegalArgumentException("!Ref " + name + " names nothing provisioned locally");
    }

    private String resolveSub(Object sub) {
        String text;
        Map<String, Object> variables = Map.of();
        if (sub instanceof String s) {
            text = s;
        } else {
            List<Object> parts = list(sub);
            text = String.valueOf(parts.get(0));
            variables = map(parts.get(1));
        }
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expression = m.group(1);
            String replacement;
            if (variables.containsKey(expression)) {
                replacement = resolve(variables.get(expression));
            } else if (expression.contains(".") && !expression.startsWith("AWS::")) {
                String[] parts = expression.split("\\.", 2);
                replacement = attribute(parts[0], parts[1]);
            } else {
                replacement = resolveRef(expression);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? "" : replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
