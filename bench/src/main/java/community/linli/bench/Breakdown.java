package community.linli.bench;

import community.linli.bench.ColdStart.Sample;
import community.linli.bench.ColdStart.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The diagnostic of {@code ColdStart -Dbreakdown=true}: where a cold start of each target spends
 * its time, from runs with {@code -Xlog:class+load} (set through {@code JAVA_TOOL_OPTIONS}, the
 * same for every target). The log gives, in the JVM's own clock, when the runtime interface client
 * and the handler class were loaded; the Runtime API gives when init ended (the first
 * {@code /next}) and when the response arrived, counted from the spawn, which precedes the JVM's
 * clock by the few milliseconds exec takes. Each phase also counts the classes it loaded: from the
 * JDK (its CDS archive or its modules), from the runtime's own jars, from the function's zip, or
 * generated at run time (lambdas, proxies, method handles).
 */
final class Breakdown {
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ms\\] (\\S+) source: (.*)$");
    private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** The runtime builds its event serializer right after it has constructed the handler. */
    private static final String EVENT_SERIALIZER = "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory";

    private Breakdown() {}

    /** One class load: when (ms of JVM uptime), which class, and where it came from. */
    record Load(long atMillis, String name, Origin origin) {}

    enum Origin { JDK, RUNTIME, FUNCTION, GENERATED }

    /** One target's run: its sample and the classes it loaded. */
    record Run(Target target, Sample sample, List<Load> loads) {}

    static Run measure(Target target) {
        try {
            Path log = Files.createTempFile("linli-classload-", ".log");
            try {
                Sample sample = ColdStart.measure(target,
                        Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log + ":uptimemillis"));
                return new Run(target, sample, parse(Files.readAllLines(log)));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Load> parse(List<String> lines) {
        List<Load> loads = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) loads.add(new Load(Long.parseLong(m.group(1)), m.group(2), origin(m.group(3))));
        }
        return loads;
    }

    private static Origin origin(String source) {
        if (source.startsWith("shared objects file") || source.startsWith("jrt:/")) return Origin.JDK;
        if (!source.contains("/")) return Origin.GENERATED;
        // LambdaProcess unpacks each zip into <temp>/linli-lambda-*/task; the runtime's jars are elsewhere.
        return source.contains("/linli-lambda-") && source.contains("/task/") ? Origin.FUNCTION : Origin.RUNTIME;
    }

    static final int RUNS = 3;

    private static final String[] PHASES = {
            "JVM start, up to the runtime client's main class",
            "runtime client, up to the handler class",
            "handler constructor (our init) and the client's handler lookup",
            "the runtime's event serializer, up to the first /next",
            "event mapping, handler, response mapping"};

    /** {@link #RUNS} runs per target, alternating; each cell is the median over them. */
    static String table(List<Target> targets, Function<Target, Run> measure) {
        Map<Target, List<long[][]>> phases = new LinkedHashMap<>();
        for (int i = 0; i < RUNS; i++) {
            for (Target target : targets) {
                phases.computeIfAbsent(target, t -> new ArrayList<>()).add(phases(measure.apply(target)));
            }
        }
        var out = new StringBuilder("Breakdown: " + RUNS + " more runs per target with -Xlog:class+load, which slows every phase; "
                + "medians; times from the spawn.\n\n"
                + "| Target | Phase | Ends at (ms) | Takes (ms) | Classes | JDK | Runtime jars | Function zip | Generated |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        phases.forEach((target, runs) -> {
            for (int p = 0; p < PHASES.length; p++) {
                out.append("| ").append(target.name()).append(" | ").append(PHASES[p]);
                for (int column = 0; column < runs.getFirst()[p].length; column++) {
                    int row = p;
                    int c = column;
                    out.append(String.format(Locale.ROOT, " | %.0f", ColdStart.median(runs.stream().map(r -> r[row][c]).sorted().toList())));
                }
                out.append(" |\n");
            }
        });
        return out.toString();
    }

    /** Per phase: where it ends, how long it takes, and the classes it loaded, all and by origin. */
    private static long[][] phases(Run run) {
        long init = Math.round(run.sample().initNanos() / 1e6);
        long[] ends = {
                firstLoad(run.loads(), RUNTIME_CLIENT),
                firstLoad(run.loads(), run.target().handler().split("::")[0]),
                // A stream handler never makes the runtime build a serializer: the phase is empty.
                run.loads().stream().filter(l -> l.name().equals(EVENT_SERIALIZER)).mapToLong(Load::atMillis).findFirst().orElse(init),
                init,
                Math.round(run.sample().totalNanos() / 1e6)};
        long[][] rows = new long[ends.length][];
        long from = 0;
        for (int i = 0; i < ends.length; i++) {
            long start = from;
            long end = i == ends.length - 1 ? Long.MAX_VALUE : ends[i];
            long[] byOrigin = new long[Origin.values().length];
            run.loads().stream().filter(l -> l.atMillis() >= start && l.atMillis() < end).forEach(l -> byOrigin[l.origin().ordinal()]++);
            rows[i] = new long[] {ends[i], ends[i] - start, byOrigin[0] + byOrigin[1] + byOrigin[2] + byOrigin[3],
                    byOrigin[Origin.JDK.ordinal()], byOrigin[Origin.RUNTIME.ordinal()],
                    byOrigin[Origin.FUNCTION.ordinal()], byOrigin[Origin.GENERATED.ordinal()]};
            from = ends[i];
        }
        return rows;
    }

    private static long firstLoad(List<Load> loads, String className) {
        return loads.stream().filter(l -> l.name().equals(className)).mapToLong(Load::atMillis).findFirst()
                .orElseThrow(() -> new IllegalStateException(className + " was never loaded"));
    }
}
