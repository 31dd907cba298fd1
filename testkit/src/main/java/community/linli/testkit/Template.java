package community.linli.testkit;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as data: the one definition of tables, keys, indexes, buckets, topics, functions
 * and routes that local runs and tests create their resources from.
 *
 * <p>CloudFormation's short-form tags ({@code !Ref X}, {@code !GetAtt X.Arn}, {@code !Sub ...})
 * are read into their long form ({@code {Ref: X}}, {@code {Fn::GetAtt: [X, Arn]}}, ...).
 */
public final class Template {
    /** A {@code ${Name}} or {@code ${Name.Attribute}} in an Fn::Sub string; {@code ${!Literal}} is not one. */
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}.]*)(\\.[^}]*)?}");

    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    public static Template load() {
        return load(Repo.file("template.yaml"));
    }

    @SuppressWarnings("unchecked")
    public static Template load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Template((Map<String, Object>) new Yaml(new CfnConstructor()).load(reader));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    public Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = map(resources().get(logicalId));
        if (resource.isEmpty()) throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        return resource;
    }

    public String typeOf(String logicalId) {
        return (String) resource(logicalId).get("Type");
    }

    public Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    public List<String> logicalIdsOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, value) -> {
            if (type.equals(map(value).get("Type"))) ids.add(id);
        });
        return ids;
    }

    /** The default value of a template parameter, as a deployment without overrides would see it. */
    public String parameterDefault(String name) {
        Object parameter = map(root.get("Parameters")).get(name);
        if (parameter == null) return null;
        Object value = map(parameter).get("Default");
        return value == null ? null : String.valueOf(value);
    }

    public boolean isParameter(String name) {
        return map(root.get("Parameters")).containsKey(name);
    }

    public Map<String, Object> conditions() {
        return map(root.get("Conditions"));
    }

    public Map<String, Object> globalsFunction() {
        return map(map(root.get("Globals")).get("Function"));
    }

    public String handlerOf(String functionLogicalId) {
        Object handler = properties(functionLogicalId).getOrDefault("Handler", globalsFunction().get("Handler"));
        if (handler == null) throw new IllegalArgumentException(functionLogicalId + " has no Handler");
        return (String) handler;
    }

    /** A function's environment variables as written: Globals first, the function's own on top. */
    public Map<String, Object> environmentOf(String functionLogicalId) {
        Map<String, Object> variables = new LinkedHashMap<>(map(map(globalsFunction().get("Environment")).get("Variables")));
        variables.putAll(map(map(properties(functionLogicalId).get("Environment")).get("Variables")));
        return variables;
    }

    /** The {@code CodeUri} of a function, relative to the repository root, as {@code sam build} reads it. */
    public String codeUriOf(String functionLogicalId) {
        Object codeUri = properties(functionLogicalId).getOrDefault("CodeUri", globalsFunction().get("CodeUri"));
        if (!(codeUri instanceof String path)) throw new IllegalArgumentException(functionLogicalId + " has no local CodeUri");
        return path.replaceAll("/+$", "");
    }

    /**
     * The resources {@code value} names through {@code Ref}, {@code Fn::GetAtt} or {@code Fn::Sub}, in the order they
     * appear: {@code !GetAtt RequestsTable.Arn}, {@code !Sub ${RequestsTable.Arn}/index/*} and {@code !Ref RequestsTable}
     * all name {@code RequestsTable}. Parameters, pseudo parameters and Sub's own variables are not resources.
     */
    public Set<String> references(Object value) {
        Set<String> out = new LinkedHashSet<>();
        collectReferences(value, out);
        return out;
    }

    /** The resources the functions' properties (environment, policies, events, logging) name. */
    public Set<String> referencesOf(Collection<String> functionLogicalIds) {
        Set<String> out = new LinkedHashSet<>();
        for (String function : functionLogicalIds) out.addAll(references(properties(function)));
        return out;
    }

    /** The functions ({@code AWS::Serverless::Function}) whose {@code CodeUri} is {@code codeUri}, in template order. */
    public List<String> functionsAt(String codeUri) {
        String wanted = codeUri.replaceAll("/+$", "");
        return logicalIdsOfType("AWS::Serverless::Function").stream().filter(f -> wanted.equals(codeUriOf(f))).toList();
    }

    private void collectReferences(Object value, Set<String> out) {
        if (value instanceof List<?> items) {
            items.forEach(item -> collectReferences(item, out));
            return;
        }
        if (!(value instanceof Map<?, ?> node)) return;
        if (node.size() == 1 && node.get("Ref") instanceof String name) {
            addResource(name, Set.of(), out);
        } else if (node.size() == 1 && node.containsKey("Fn::GetAtt")) {
            addResource(String.valueOf(list(node.get("Fn::GetAtt")).getFirst()), Set.of(), out);
        } else if (node.size() == 1 && node.containsKey("Fn::Sub")) {
            Object sub = node.get("Fn::Sub");
            String text = sub instanceof String s ? s : String.valueOf(list(sub).getFirst());
            Map<String, Object> variables = sub instanceof String ? Map.of() : map(list(sub).get(1));
            collectReferences(new ArrayList<>(variables.values()), out);
            Matcher m = SUB_VARIABLE.matcher(text);
            while (m.find()) addResource(m.group(1), variables.keySet(), out);
        } else {
            node.values().forEach(child -> collectReferences(child, out));
        }
    }

    private void addResource(String name, Set<String> subVariables, Set<String> out) {
        if (!subVariables.contains(name) && resources().containsKey(name)) out.add(name);
    }

    /** One route of an {@code AWS::Serverless::HttpApi}: what API Gateway calls its route key, and who serves it. */
    public record Route(String method, String path, String functionLogicalId, String eventName, boolean authorized) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    public List<Route> httpApiRoutes() {
        List<Route> routes = new ArrayList<>();
        for (String function : logicalIdsOfType("AWS::Serverless::Function")) {
            map(properties(function).get("Events")).forEach((name, value) -> {
                Map<String, Object> event = map(value);
                if (!"HttpApi".equals(event.get("Type"))) return;
                Map<String, Object> props = map(event.get("Properties"));
                Object authorizer = map(props.get("Auth")).get("Authorizer");
                boolean apiDefault = apiHasDefaultAuthorizer(props.get("ApiId"));
                boolean authorized = authorizer == null ? apiDefault : !"NONE".equals(authorizer);
                routes.add(new Route(String.valueOf(props.get("Method")).toUpperCase(java.util.Locale.ROOT),
                        String.valueOf(props.get("Path")), function, name, authorized));
            });
        }
        return routes;
    }

    /**
     * Whether the HttpApi an event names ({@code !Ref Api}; none means SAM's implicit API) puts a
     * default authorizer on its routes. A template with one HttpApi and no ApiId keeps the old
     * meaning: routes are protected unless they say {@code Authorizer: NONE}.
     */
    private boolean apiHasDefaultAuthorizer(Object apiId) {
        String api = apiId == null ? null : String.valueOf(map(apiId).getOrDefault("Ref", apiId));
        if (api == null || !resources().containsKey(api)) return true;
        return map(properties(api).get("Auth")).get("DefaultAuthorizer") != null;
    }

    /** Event sources of other types (DynamoDB streams, schedules), for the local runtime's triggers. */
    public Map<String, Map<String, Object>> eventsOf(String functionLogicalId, String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        map(properties(functionLogicalId).get("Events")).forEach((name, value) -> {
            Map<String, Object> event = map(value);
            if (type.equals(event.get("Type"))) out.put(name, map(event.get("Properties")));
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** Reads CloudFormation's short-form intrinsic function tags into their long form. */
    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(new LoaderOptions());
            for (String fn : List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select", "Split",
                    "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "Contains", "ToJsonString", "Length")) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    if (node instanceof ScalarNode scalar) {
                        String[] parts = scalar.getValue().split("\\.", 2);
                        return Map.of("Fn::GetAtt", List.of(parts[0], parts.length > 1 ? parts[1] : ""));
                    }
                    return Map.of("Fn::GetAtt", constructSequence((SequenceNode) node));
                }
            });
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) value = constructScalar(scalar);
                else if (node instanceof SequenceNode sequence) value = constructSequence(sequence);
                else value = constructMapping((MappingNode) node);
                return Map.of(name, value);
            }
        }
    }
}
