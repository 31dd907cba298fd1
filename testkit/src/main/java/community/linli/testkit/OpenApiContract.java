package community.linli.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.serialization.BasicNodeReader;
import com.networknt.schema.serialization.JsonMapperFactory;
import com.networknt.schema.serialization.NodeReader;
import com.networknt.schema.serialization.YamlMapperFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * openapi.yaml as an assertion: every response a test receives, and every request body it
 * means to be valid, must be one the contract documents.
 *
 * <p>A response passes when its operation and status are documented (an exact status, else
 * {@code 4XX}-style ranges, else {@code default}); every required documented header is present
 * and every documented header present matches its schema; its {@code Content-Type}, without
 * parameters, is one of the documented media types; and a JSON body validates against that
 * media type's schema under JSON Schema 2020-12 with {@code format} asserted. A response that
 * documents no content must have an empty body.
 *
 * <p>Schemas are compiled once per JSON pointer and contracts once per file, so checking every
 * response of a test run costs little more than the validation itself. Instances are immutable
 * and safe to share between threads. Only local {@code $ref}s ({@code #/...}) are supported.
 */
public final class OpenApiContract {
    private static final Map<Path, OpenApiContract> LOADED = new ConcurrentHashMap<>();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final int MAX_BODY_IN_MESSAGE = 2_000;

    private final Path source;
    private final String baseIri;
    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, String> operations;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(Path source) {
        this.source = source;
        String text;
        try {
            text = Files.readString(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the API contract " + source, e);
        }
        this.baseIri = source.toUri().toString();
        // One parser for navigation and for $ref resolution, so both see the same YAML.
        this.document = YamlMapperFactory.getInstance().readTree(text);
        if (!document.path("openapi").asString("").startsWith("3.1")) {
            throw new IllegalStateException(source + " is not an OpenAPI 3.1 document");
        }
        // 2020-12 treats format as an annotation unless asked; the contract relies on date-time, uri, int64 being checked.
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder
                .schemaRegistryConfig(config)
                .nodeReader(new ReadOnce())
                .schemas(Map.of(baseIri, text))
                .schemaLoader(loader -> loader.fetchRemoteResources(false)));
        this.operations = indexOperations(document);
    }

    /** The contract at {@code <repo root>/openapi.yaml}; see {@link #repoRoot()}. */
    public static OpenApiContract load() {
        return load(repoRoot().resolve("openapi.yaml"));
    }

    public static OpenApiContract load(Path openapiYaml) {
        return LOADED.computeIfAbsent(openapiYaml.toAbsolutePath().normalize(), OpenApiContract::new);
    }

    /**
     * The repository root: the {@code linli.root} system property, which the parent pom hands to
     * every test run, else the nearest directory at or above the working directory that holds
     * template.yaml.
     */
    static Path repoRoot() {
        return repoRoot(System.getProperty("linli.root"), Path.of("").toAbsolutePath());
    }

    static Path repoRoot(String property, Path start) {
        if (property != null && !property.isBlank()) return Path.of(property).toAbsolutePath().normalize();
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) return dir;
        }
        throw new IllegalStateException("No template.yaml at or above " + start + "; set -Dlinli.root to the repository root");
    }

    /** Documented operations as {@code "METHOD /path/{template}"}, in document order. */
    public Set<String> operations() {
        return Collections.unmodifiableSet(operations.keySet());
    }

    /** Throws AssertionError with a readable message unless the response matches the operation's documented response. */
    public void assertResponse(String method, String pathTemplate, int status, Map<String, String> headers, String body) {
        String operation = operationKey(method, pathTemplate);
        String responses = operationPointer(operation) + "/responses";
        String response = responsePointer(responses, status);
        if (response == null) {
            throw new AssertionError(operation + " answered " + status + ", which " + source.getFileName()
                    + " does not document (documented: " + String.join(", ", node(responses).propertyNames()) + ")"
                    + bodyForMessage(body));
        }
        response = resolve(response);
        Map<String, String> actualHeaders = headers == null ? Map.of() : headers;

        List<String> violations = new ArrayList<>();
        checkHeaders(response, actualHeaders, violations);
        checkContent(response + "/content", header(actualHeaders, "Content-Type"), body, false, violations);
        failIfAny(operation + " " + status + " response", violations, body);
    }

    public void assertResponse(String method, String pathTemplate, APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (values != null && !values.isEmpty()) headers.put(name, String.join(", ", values));
            });
        }
        if (response.getHeaders() != null) headers.putAll(response.getHeaders());
        String body = response.getBody();
        if (body != null && response.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        assertResponse(method, pathTemplate, response.getStatusCode(), headers, body);
    }

    /** Throws AssertionError unless {@code body}, sent as {@code contentType}, is a request body the operation accepts. */
    public void assertRequestBody(String method, String pathTemplate, String contentType, String body) {
        String operation = operationKey(method, pathTemplate);
        String pointer = operationPointer(operation) + "/requestBody";
        if (node(pointer).isMissingNode()) {
            throw new AssertionError(operation + " documents no request body" + bodyForMessage(body));
        }
        pointer = resolve(pointer);
        List<String> violations = new ArrayList<>();
        if (isEmpty(body)) {
            if (node(pointer).path("required").asBoolean(false)) violations.add("a body is required");
        } else {
            checkContent(pointer + "/content", contentType, body, true, violations);
        }
        failIfAny(operation + " request body", violations, body);
    }

    /**
     * Violations of the schema at {@code pointer} (a JSON pointer into the document) by a JSON
     * instance, each as {@code "<JSON pointer into the instance>: <reason>"}; the pointer is empty
     * for the instance as a whole.
     */
    List<String> schemaViolations(String pointer, JsonNode instance) {
        List<String> out = new ArrayList<>();
        for (Error error : schema(pointer).validate(instance)) {
            String at = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
            out.add((at.equals("$") ? "" : at) + ": " + error.getMessage());
        }
        return out;
    }

    /** The parsed document, for tests that walk it. */
    JsonNode document() {
        return document;
    }

    private void checkHeaders(String response, Map<String, String> actual, List<String> violations) {
        for (var entry : node(response + "/headers").properties()) {
            String name = entry.getKey();
            // OpenAPI: a response header named Content-Type is ignored; content describes it.
            if (name.equalsIgnoreCase("Content-Type")) continue;
            String pointer = resolve(response + "/headers/" + escape(name));
            String value = header(actual, name);
            if (value == null) {
                if (node(pointer).path("required").asBoolean(false)) violations.add("header " + name + ": required but missing");
                continue;
            }
            if (!node(pointer + "/schema").isMissingNode()) {
                for (String violation : schemaViolations(pointer + "/schema", headerValue(node(pointer + "/schema"), value))) {
                    violations.add("header " + name + violation + " (was: " + value + ")");
                }
            }
        }
    }

    private void checkContent(String contentPointer, String contentType, String body, boolean request, List<String> violations) {
        JsonNode content = node(contentPointer);
        if (content.isMissingNode() || content.isEmpty()) {
            if (!isEmpty(body)) violations.add("documents no content, so the body must be empty");
            return;
        }
        if (contentType == null || contentType.isBlank()) {
            violations.add("Content-Type: missing; documented: " + String.join(", ", content.propertyNames()));
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String key = mediaTypeKey(content, mediaType);
        if (key == null) {
            violations.add("Content-Type: " + contentType + " is not documented; documented: " + String.join(", ", content.propertyNames()));
            return;
        }
        if (isEmpty(body)) {
            violations.add("body: empty, but " + key + " content is documented");
            return;
        }
        String schemaPointer = contentPointer + "/" + escape(key) + "/schema";
        if (!isJson(mediaType) || node(schemaPointer).isMissingNode()) return;
        JsonNode instance;
        try {
            instance = JsonMapperFactory.getInstance().readTree(body);
        } catch (JacksonException e) {
            violations.add("body: not JSON (" + e.getOriginalMessage() + ")");
            return;
        }
        for (String violation : schemaViolations(schemaPointer, instance)) {
            violations.add((request ? "request body" : "body") + violation);
        }
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> {
            Schema schema = registry.getSchema(SchemaLocation.of(baseIri + "#" + p));
            schema.initializeValidators();
            return schema;
        });
    }

    /**
     * The registry reads the whole document again for every schema it compiles (each pointer is a
     * new location), and openapi.yaml is some 370 KB of YAML: a tenth of a test JVM's CPU. Here
     * each text is parsed once, by the registry's own reader, and its tree handed out again.
     */
    private static final class ReadOnce implements NodeReader {
        private final NodeReader reader = BasicNodeReader.getInstance();
        private final Map<String, JsonNode> trees = new ConcurrentHashMap<>();

        @Override
        public JsonNode readSchema(String content, InputFormat format) {
            return trees.computeIfAbsent(format + ":" + content, k -> reader.readSchema(content, format));
        }

        @Override
        public JsonNode readSchema(InputStream content, InputFormat format) {
            try {
                return readSchema(new String(content.readAllBytes(), StandardCharsets.UTF_8), format);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public JsonNode readTree(String content, InputFormat format) {
            return reader.readTree(content, format);
        }

        @Override
        public JsonNode readTree(InputStream content, InputFormat format) {
            return reader.readTree(content, format);
        }
    }

    /** A header value as the JSON value its schema expects: numbers and booleans when the schema says so, else the text. */
    private static JsonNode headerValue(JsonNode schema, String value) {
        String type = schema.path("type").asString("string");
        try {
            return switch (type) {
                case "integer", "number", "boolean" -> JsonMapperFactory.getInstance().readTree(value.trim());
                default -> JsonNodeFactory.instance.stringNode(value);
            };
        } catch (JacksonException e) {
            return JsonNodeFactory.instance.stringNode(value);
        }
    }

    private static Map<String, String> indexOperations(JsonNode document) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var path : document.path("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                if (METHODS.contains(method)) {
                    out.put(method.toUpperCase(Locale.ROOT) + " " + path.getKey(), "/paths/" + escape(path.getKey()) + "/" + method);
                }
            }
        }
        return out;
    }

    private String operationPointer(String operation) {
        String pointer = operations.get(operation);
        if (pointer == null) {
            throw new AssertionError(operation + " is not documented in " + source + " (documented: " + String.join(", ", operations.keySet()) + ")");
        }
        return pointer;
    }

    /** The documented response for a status: exact, then a range such as {@code 4XX}, then {@code default}. */
    private String responsePointer(String responses, int status) {
        JsonNode node = node(responses);
        String exact = Integer.toString(status);
        if (node.has(exact)) return responses + "/" + exact;
        String range = (status / 100) + "XX";
        for (String key : node.propertyNames()) {
            if (key.equalsIgnoreCase(range)) return responses + "/" + key;
        }
        return node.has("default") ? responses + "/default" : null;
    }

    /** Follows local {@code $ref}s from {@code pointer} to the object they name. */
    private String resolve(String pointer) {
        String current = pointer;
        for (int hops = 0; hops < 16; hops++) {
            JsonNode ref = node(current).get("$ref");
            if (ref == null) return current;
            String target = ref.asString();
            if (!target.startsWith("#")) throw new IllegalStateException("Only local $ref is supported: " + target + " at " + current);
            current = decodePercent(target.substring(1));
        }
        throw new IllegalStateException("$ref chain too long at " + pointer);
    }

    private JsonNode node(String pointer) {
        return document.at(pointer);
    }

    private static String mediaTypeKey(JsonNode content, String mediaType) {
        String wildcard = null;
        for (String key : content.propertyNames()) {
            String documented = key.toLowerCase(Locale.ROOT);
            if (documented.equals(mediaType)) return key;
            if (documented.equals("*/*") || documented.endsWith("/*") && mediaType.startsWith(documented.substring(0, documented.length() - 1))) {
                wildcard = key;
            }
        }
        return wildcard;
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String operationKey(String method, String pathTemplate) {
        return method.toUpperCase(Locale.ROOT) + " " + pathTemplate;
    }

    private static String header(Map<String, String> headers, String name) {
        String exact = headers.get(name);
        if (exact != null) return exact;
        for (var entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) return entry.getValue();
        }
        return null;
    }

    private static boolean isEmpty(String body) {
        return body == null || body.isEmpty();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String decodePercent(String fragment) {
        if (fragment.indexOf('%') < 0) return fragment;
        return URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private void failIfAny(String what, List<String> violations, String body) {
        if (violations.isEmpty()) return;
        var message = new StringBuilder(what).append(" does not match ").append(source).append(':');
        for (String violation : new LinkedHashSet<>(violations)) message.append("\n  - ").append(violation);
        throw new AssertionError(message.append(bodyForMessage(body)).toString());
    }

    private static String bodyForMessage(String body) {
        if (isEmpty(body)) return "\n  (empty body)";
        String shown = body.length() > MAX_BODY_IN_MESSAGE ? body.substring(0, MAX_BODY_IN_MESSAGE) + "…" : body;
        return "\n  body: " + shown;
    }
}
