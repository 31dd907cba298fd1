package community.linli.platform;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.util.AccessPattern;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.text.Normalizer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import community.linli.platform.http.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The one JSON mapper. Strict on input (unknown fields, duplicate keys, scalar coercion and
 * trailing content are refused), so that what the client sent is exactly what the record holds;
 * ISO-8601 instants and no nulls on output.
 *
 * <p>One null rule for bodies: a member given as JSON {@code null}, or a {@code null} inside a list
 * or map, is a {@code null_value} for its path, never taken for an absent member. openapi.yaml
 * declares no nullable member, so a body the contract refuses is refused here too; an optional
 * member is simply left out.
 *
 * <p>{@link #read} is the only way a handler reads a body: it enforces the JSON content type and
 * the size limit, and turns every parse or validation failure into a 4xx {@link Problem} whose
 * field paths point into the body.
 */
public final class Json {
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** Instants always carry milliseconds, so they sort as text and match the contract's pattern. */
    public static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(timeModule())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private Json() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getName(), e);
        }
    }

    /** JSON with map keys sorted, so equal values give equal text whatever order their keys came in. */
    public static String canonical(Object value) {
        try {
            return MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getName(), e);
        }
    }

    public static <T> T parse(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and validates the JSON body of an HTTP API event into {@code type}. */
    public static <T> T read(APIGatewayV2HTTPEvent event, Class<T> type) {
        requireJsonContentType(event.getHeaders());
        byte[] body = bodyBytes(event);
        if (body.length > MAX_BODY_BYTES) {
            throw Problem.payloadTooLarge(MAX_BODY_BYTES);
        }
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw Problem.invalid("body", "body_required");
        }
        try {
            JsonNode tree = BODY_READER.readTree(body);
            if (tree == null || tree.isNull()) throw Problem.invalid("body", "body_required");
            refuseNulls(tree, new StringBuilder());
            return MAPPER.treeToValue(tree, type);
        } catch (IOException e) {
            throw toProblem(e);
        }
    }

    /** Bodies are read as a tree first, with every number exact, so that the null rule sees the whole body. */
    private static final ObjectReader BODY_READER = MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The null rule (see the class comment): the first {@code null} found, depth first, names its path. */
    private static void refuseNulls(JsonNode node, StringBuilder path) {
        if (node.isObject()) {
            for (var member : node.properties()) {
                int mark = path.length();
                append(path, member.getKey(), -1);
                if (member.getValue().isNull()) throw Problem.invalid(path.isEmpty() ? "body" : path.toString(), "null_value");
                refuseNulls(member.getValue(), path);
                path.setLength(mark);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                int mark = path.length();
                append(path, null, i);
                if (node.get(i).isNull()) throw Problem.invalid(path.toString(), "null_value");
                refuseNulls(node.get(i), path);
                path.setLength(mark);
            }
        }
    }

    /** The body's bytes as the client sent them, decoded from base64 when API Gateway encoded it. */
    public static byte[] bodyBytes(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) return new byte[0];
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw Problem.invalid("body", "malformed_json", Map.of("line", 1, "column", 1));
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static void requireJsonContentType(Map<String, String> headers) {
        String contentType = header(headers, "content-type");
        if (contentType == null) throw Problem.unsupportedMediaType("application/json");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) throw Problem.unsupportedMediaType("application/json");
    }

    /** Header lookup that ignores case; HTTP API lower-cases names, other callers may not. */
    public static String header(Map<String, String> headers, String name) {
        if (headers == null) return null;
        String exact = headers.get(name);
        if (exact != null) return exact;
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) return entry.getValue();
        }
        return null;
    }

    /**
     * The java.time types our records carry, as ISO-8601 text: {@link Instant} always with
     * milliseconds ({@link #INSTANT}), {@link LocalDate} as {@code yyyy-MM-dd}. Only these two, in
     * place of jackson-datatype-jsr310, whose module registers some forty (de)serializers (54
     * classes on a cold start) for the two we use. Any other java.time type fails loudly.
     */
    private static SimpleModule timeModule() {
        return new SimpleModule("linli-time")
                .addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                    @Override
                    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                        gen.writeString(INSTANT.format(value));
                    }
                })
                .addDeserializer(Instant.class, new FromIsoText<>(Instant.class, Instant::parse))
                .addSerializer(LocalDate.class, new ToStringSerializer(LocalDate.class))
                .addDeserializer(LocalDate.class, new FromIsoText<>(LocalDate.class, LocalDate::parse))
                .addDeserializer(String.class, new CleanText())
                .addDeserializer(Integer.class, new WholeNumber<>(new NumberDeserializers.IntegerDeserializer(Integer.class, null), BigDecimal::intValueExact))
                .addDeserializer(Integer.TYPE, new WholeNumber<>(new NumberDeserializers.IntegerDeserializer(Integer.TYPE, 0), BigDecimal::intValueExact))
                .addDeserializer(Long.class, new WholeNumber<>(new NumberDeserializers.LongDeserializer(Long.class, null), BigDecimal::longValueExact))
                .addDeserializer(Long.TYPE, new WholeNumber<>(new NumberDeserializers.LongDeserializer(Long.TYPE, 0L), BigDecimal::longValueExact));
    }

    /**
     * An integer as JSON Schema (and so openapi.yaml) counts one: any number without a fraction,
     * so {@code 5.0} and {@code 5e2} are the integers 5 and 500. A fraction ({@code 5.5}) or a value
     * outside the type's range stays an {@code invalid_type}, never rounded; everything else
     * (null, strings, booleans) goes to Jackson's strict deserializer as before.
     */
    static final class WholeNumber<T> extends StdDeserializer<T> {
        private final StdDeserializer<T> strict;
        private final Function<BigDecimal, T> exact;

        WholeNumber(StdDeserializer<T> strict, Function<BigDecimal, T> exact) {
            super(strict.handledType());
            this.strict = strict;
            this.exact = exact;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                BigDecimal value = p.getDecimalValue();
                try {
                    if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) return exact.apply(value);
                } catch (ArithmeticException outOfRange) {
                    // refused below, as any other number that does not fit
                }
            }
            return strict.deserialize(p, ctxt);
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return strict.getNullValue(ctxt);
        }

        @Override
        public AccessPattern getNullAccessPattern() {
            return strict.getNullAccessPattern();
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Integer;
        }
    }

    /**
     * Every string a client sends, wherever it sits (a field, a list item, an answer of an
     * untyped map), passes here: C0 control characters other than newline and tab are refused as
     * {@code control_character} for that field, since they corrupt what staff read, CSV exports and
     * SMS texts; the rest is normalized to NFC, so text that looks the same is stored the same.
     * Non-string tokens go to Jackson's own deserializer, which applies the mapper's coercion rules.
     */
    static final class CleanText extends StdScalarDeserializer<String> {
        CleanText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) return StringDeserializer.instance.deserialize(p, ctxt);
            return clean(p.getText());
        }

        static String clean(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
                    throw Problem.invalid("", "control_character", Map.of("position", text.codePointCount(0, i) + 1));
                }
            }
            return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        }
    }

    /** A value from its ISO-8601 text; anything else is an {@code invalid_type} for its field. */
    private static final class FromIsoText<T> extends StdScalarDeserializer<T> {
        private final transient Function<String, T> parse;

        FromIsoText(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) return (T) ctxt.handleUnexpectedToken(handledType(), p);
            String text = p.getText().trim();
            try {
                return parse.apply(text);
            } catch (DateTimeException e) {
                return (T) ctxt.handleWeirdStringValue(handledType(), text, "not an ISO-8601 %s", handledType().getSimpleName());
            }
        }
    }

    static RuntimeException toProblem(IOException e) {
        // A number too large for its field (a version of 40 digits) is a wrong value, not broken JSON.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputCoercionException ice && ice.getProcessor() instanceof JsonParser parser) {
                return Problem.invalid(path(parser.getParsingContext()), "invalid_type",
                        Map.of("expected", typeName(ice.getTargetType())));
            }
        }
        StreamReadException syntax = syntaxCause(e);
        if (syntax != null && syntax != e && !(e instanceof ValueInstantiationException)) {
            return toProblem(syntax);
        }
        if (e instanceof ValueInstantiationException vie && vie.getCause() instanceof Problem problem) {
            return problem.under(path(vie));
        }
        if (e instanceof UnrecognizedPropertyException upe) {
            // A member named "" at the top ({"": 0}) has no path of its own: the body is what is wrong.
            String path = path(upe);
            return Problem.invalid(path.isEmpty() ? "body" : path, "unknown_field");
        }
        if (e instanceof InvalidFormatException ife) {
            return Problem.invalid(path(ife), "invalid_type", Map.of("expected", typeName(ife.getTargetType())));
        }
        if (e instanceof MismatchedInputException mie) {
            String path = path(mie);
            return Problem.invalid(path.isEmpty() ? "body" : path, "invalid_type",
                    Map.of("expected", typeName(mie.getTargetType())));
        }
        if (e instanceof StreamReadException sre) {
            if (isDuplicate(sre) && sre.getProcessor() instanceof JsonParser parser) {
                return Problem.invalid(path(parser.getParsingContext()), "duplicate_field");
            }
            var location = sre.getLocation();
            return Problem.invalid("body", "malformed_json", Map.of(
                    "line", location == null ? 0 : location.getLineNr(),
                    "column", location == null ? 0 : location.getColumnNr()));
        }
        if (e instanceof JsonMappingException jme && jme.getCause() instanceof Problem problem) {
            return problem.under(path(jme));
        }
        return Problem.invalid("body", "malformed_json", Map.of("line", 0, "column", 0));
    }

    /** Jackson reports a repeated name (STRICT_DUPLICATE_DETECTION) as a plain syntax error; only its message tells them apart. */
    private static boolean isDuplicate(StreamReadException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
    }

    /** A syntax error Jackson wrapped while building a nested value, if there is one. */
    private static StreamReadException syntaxCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException sre && !(t instanceof JsonMappingException)) return sre;
        }
        return null;
    }

    /** The JSON path of the value that failed, such as {@code location.buildingId} or {@code photoKeys[2]}. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) append(out, ref.getFieldName(), ref.getIndex());
        return out.toString();
    }

    /**
     * The same path for where the parser stopped, from the root down: for a repeated name, the
     * name itself within its objects and arrays ({@code items[1].a}).
     */
    private static String path(JsonStreamContext context) {
        java.util.Deque<JsonStreamContext> chain = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) chain.push(c);
        StringBuilder out = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inObject()) append(out, c.getCurrentName(), -1);
            else append(out, null, c.getCurrentIndex());
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static void append(StringBuilder path, String field, int index) {
        if (field != null) {
            if (!path.isEmpty()) path.append('.');
            path.append(field);
        } else if (index >= 0) {
            path.append('[').append(index).append(']');
        }
    }

    private static String typeName(Class<?> type) {
        if (type == null) return "value";
        if (type == String.class || type.isEnum()) return "string";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "integer";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) return "number";
        if (type == Boolean.class || type == boolean.class) return "boolean";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "array";
        return "object";
    }
}
