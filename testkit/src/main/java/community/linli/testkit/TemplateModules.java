package community.linli.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * How template.yaml's functions and tables map onto the Maven modules, and what each function's
 * deployment zip carries. IAM decides what a function may touch; the module graph decides what code
 * it ships; this holds the two together.
 *
 * <p>The rules, each reported by {@link #problems} or {@link #zipProblems} with the function or
 * module and the difference:
 * <ul>
 *   <li>The table {@code FooBarTable} lives in the module {@code functions/tables/foo-bar}, artifact
 *       {@code linli-tables-foo-bar} (the logical id without {@code Table}, in kebab case).</li>
 *   <li>A function module (a {@code CodeUri}) declares exactly the table modules of the tables its
 *       functions' policies grant: {@code !GetAtt XTable.Arn}, {@code !Sub ${XTable.Arn}/index/*},
 *       {@code !Ref XTable} in a policy template. Each function has a {@code CodeUri} of its own:
 *       two functions sharing one would share one zip, carrying the union of their grants.</li>
 *   <li>A table a function's environment or events name (its name, its stream) is one its
 *       policies grant.</li>
 *   <li>A table module depends on no other table module; a function module on no other function.</li>
 *   <li>Each function's zip ({@code <CodeUri>/target/<artifactId>.zip}) carries under {@code lib/}
 *       exactly the table jars its module declares.</li>
 *   <li>{@code sam build} ships that zip: every function says {@code BuildMethod: makefile} with
 *       {@code ContextPath: functions} (functions/Makefile unpacks the zip).</li>
 * </ul>
 * Only dependencies declared in the module's pom and its parents inside the repository count.
 */
public final class TemplateModules {
    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    public static final String TABLE_ARTIFACT_PREFIX = "linli-tables-";
    public static final String TABLES_DIR = "functions/tables";
    public static final String MAKEFILE_CONTEXT = "functions";

    private static final Pattern LIB_JAR = Pattern.compile("lib/(.+?)-\\d[^/]*\\.jar");

    private final Path root;
    private final Template template;

    public TemplateModules(Path root, Template template) {
        this.root = root;
        this.template = template;
    }

    /** This repository's template and modules. */
    public static TemplateModules ofRepository() {
        return new TemplateModules(Repo.root(), Template.load());
    }

    /** {@code FooBarTable} → {@code foo-bar}: its folder under functions/tables, its artifact after {@code linli-tables-}. */
    public static String tableModule(String tableLogicalId) {
        if (!tableLogicalId.endsWith("Table") || tableLogicalId.length() == "Table".length()) {
            throw new IllegalArgumentException(tableLogicalId + ": a table's logical id ends in Table, e.g. RequestsTable");
        }
        String base = tableLogicalId.substring(0, tableLogicalId.length() - "Table".length());
        return base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    public static String tableArtifact(String tableLogicalId) {
        return TABLE_ARTIFACT_PREFIX + tableModule(tableLogicalId);
    }

    /** The function modules, by {@code CodeUri}, each with the functions built from it, in template order. */
    public Map<String, List<String>> functionModules() {
        Map<String, List<String>> modules = new LinkedHashMap<>();
        for (String function : template.logicalIdsOfType(FUNCTION_TYPE)) {
            modules.computeIfAbsent(template.codeUriOf(function), k -> new ArrayList<>()).add(function);
        }
        return modules;
    }

    /** The tables {@code function}'s policies grant (any reference to the table inside {@code Policies}). */
    public Set<String> grantedTables(String function) {
        return tables(template.references(template.properties(function).get("Policies")));
    }

    /** The table artifacts a module built from {@code functions} must declare: those of the union of their grants. */
    public Set<String> expectedTableArtifacts(Collection<String> functions) {
        Set<String> artifacts = new TreeSet<>();
        for (String function : functions) grantedTables(function).forEach(t -> artifacts.add(tableArtifact(t)));
        return artifacts;
    }

    /** The deployment zip Maven packages for the module at {@code codeUri}. */
    public Path zip(String codeUri) {
        return root.resolve(codeUri).resolve("target").resolve(Pom.read(root.resolve(codeUri).resolve("pom.xml")).artifactId() + ".zip");
    }

    /** Every way the template and the module poms disagree; empty when they agree. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<String> functionArtifacts = new TreeSet<>();
        functionModules().keySet().stream().filter(c -> Files.exists(root.resolve(c).resolve("pom.xml")))
                .forEach(codeUri -> functionArtifacts.add(pomOf(codeUri).artifactId()));

        functionModules().forEach((codeUri, functions) -> {
            Path pomFile = root.resolve(codeUri).resolve("pom.xml");
            if (!Files.exists(pomFile)) {
                problems.add(describe(codeUri, functions) + ": CodeUri has no pom.xml; a function is a Maven module");
                return;
            }
            if (functions.size() > 1) {
                problems.add(describe(codeUri, functions) + ": functions share one module and so one zip, which would carry"
                        + " the union of their grants; give each function a module of its own");
            }
            Set<String> declared = declaredArtifacts(pomFile);
            Set<String> declaredTables = filter(declared, a -> a.startsWith(TABLE_ARTIFACT_PREFIX));
            Set<String> expected = expectedTableArtifacts(functions);
            if (!declaredTables.equals(expected)) {
                problems.add(describe(codeUri, functions) + ": its policies grant " + grantsOf(functions)
                        + ", so its pom must declare exactly " + expected + "; missing " + minus(expected, declaredTables)
                        + ", not granted " + minus(declaredTables, expected));
            }
            Set<String> otherFunctions = filter(declared, functionArtifacts::contains);
            otherFunctions.remove(pomOf(codeUri).artifactId());
            if (!otherFunctions.isEmpty()) {
                problems.add(describe(codeUri, functions) + ": depends on other functions " + otherFunctions + "; shared code belongs in the platform or a table module");
            }
        });

        for (String function : template.logicalIdsOfType(FUNCTION_TYPE)) {
            Map<String, Object> properties = template.properties(function);
            Set<String> named = tables(template.references(List.of(
                    properties.getOrDefault("Environment", Map.of()), properties.getOrDefault("Events", Map.of()))));
            Set<String> ungranted = minus(named, grantedTables(function));
            if (!ungranted.isEmpty()) {
                problems.add(function + ": its environment or events name " + ungranted + ", which its policies do not grant");
            }
            Map<String, Object> metadata = Template.map(template.resource(function).get("Metadata"));
            if (!"makefile".equals(metadata.get("BuildMethod")) || !MAKEFILE_CONTEXT.equals(metadata.get("ContextPath"))) {
                problems.add(function + ": needs Metadata {BuildMethod: makefile, ContextPath: " + MAKEFILE_CONTEXT
                        + "}, so that sam build ships the zip the tests ran (functions/Makefile), not a build of its own");
            }
        }

        Set<String> tableArtifacts = new TreeSet<>();
        for (String table : template.logicalIdsOfType(TABLE_TYPE)) {
            Path pomFile = root.resolve(TABLES_DIR).resolve(tableModule(table)).resolve("pom.xml");
            tableArtifacts.add(tableArtifact(table));
            if (!Files.exists(pomFile)) {
                problems.add(table + ": has no module " + root.relativize(pomFile.getParent()) + " (artifact " + tableArtifact(table) + ")");
            } else if (!Pom.read(pomFile).artifactId().equals(tableArtifact(table))) {
                problems.add(table + ": " + root.relativize(pomFile) + " names its artifact " + Pom.read(pomFile).artifactId()
                        + ", not " + tableArtifact(table));
            }
        }
        for (Path moduleDir : tableModuleDirs()) {
            Pom pom = Pom.read(moduleDir.resolve("pom.xml"));
            String where = root.relativize(moduleDir).toString().replace('\\', '/');
            if (!tableArtifacts.contains(pom.artifactId())) {
                problems.add(where + ": " + pom.artifactId() + " is no table of template.yaml");
            }
            Set<String> others = filter(declaredArtifacts(moduleDir.resolve("pom.xml")), a -> a.startsWith(TABLE_ARTIFACT_PREFIX));
            others.remove(pom.artifactId());
            if (!others.isEmpty()) {
                problems.add(where + ": a table module depends on the platform only, but declares " + others
                        + "; what joins two tables belongs in the function that reads both");
            }
        }
        return problems;
    }

    /** Every way the packaged zips' {@code lib/} disagree with the tables their functions may touch; a missing zip is one. */
    public List<String> zipProblems() {
        List<String> problems = new ArrayList<>();
        functionModules().forEach((codeUri, functions) -> {
            Path zip = zip(codeUri);
            if (!Files.exists(zip)) {
                problems.add(describe(codeUri, functions) + ": " + root.relativize(zip) + " is missing; package the module first (mvn package)");
                return;
            }
            Set<String> shipped = tableJars(zip);
            Set<String> expected = expectedTableArtifacts(functions);
            if (!shipped.equals(expected)) {
                problems.add(describe(codeUri, functions) + ": " + root.relativize(zip) + " ships table jars " + shipped
                        + " but its policies grant " + grantsOf(functions) + " → " + expected + "; extra "
                        + minus(shipped, expected) + ", missing " + minus(expected, shipped));
            }
        });
        return problems;
    }

    /** The {@code linli-tables-*} artifacts under {@code lib/} of a Lambda zip. */
    public static Set<String> tableJars(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Set<String> artifacts = new TreeSet<>();
            file.stream().forEach(entry -> {
                Matcher m = LIB_JAR.matcher(entry.getName());
                if (m.matches() && m.group(1).startsWith(TABLE_ARTIFACT_PREFIX)) artifacts.add(m.group(1));
            });
            return artifacts;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + zip, e);
        }
    }

    private String describe(String codeUri, List<String> functions) {
        return String.join(", ", functions) + " (" + codeUri + ")";
    }

    private Map<String, Set<String>> grantsOf(List<String> functions) {
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        functions.forEach(f -> grants.put(f, grantedTables(f)));
        return grants;
    }

    private Set<String> tables(Collection<String> logicalIds) {
        return filter(logicalIds, id -> TABLE_TYPE.equals(template.typeOf(id)));
    }

    private Pom pomOf(String codeUri) {
        return Pom.read(root.resolve(codeUri).resolve("pom.xml"));
    }

    private List<Path> tableModuleDirs() {
        Path tables = root.resolve(TABLES_DIR);
        if (!Files.isDirectory(tables)) return List.of();
        try (Stream<Path> dirs = Files.list(tables)) {
            return dirs.filter(d -> Files.exists(d.resolve("pom.xml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The artifacts a pom and its parents inside the repository declare as compile or runtime dependencies. */
    private Set<String> declaredArtifacts(Path pomFile) {
        Set<String> artifacts = new TreeSet<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path file = pomFile; file != null && file.startsWith(root) && Files.exists(file) && seen.add(file); ) {
            Pom pom = Pom.read(file);
            artifacts.addAll(pom.dependencies());
            file = pom.parentFile();
        }
        return artifacts;
    }

    private static Set<String> filter(Collection<String> values, Predicate<String> keep) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) if (keep.test(v)) out.add(v);
        return out;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    /** What these rules need of a pom: its artifact id, its non-test dependencies, where its parent is. */
    record Pom(String artifactId, List<String> dependencies, Path parentFile) {
        static Pom read(Path file) {
            try {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Element project = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
                List<String> dependencies = new ArrayList<>();
                Element deps = child(project, "dependencies");
                if (deps != null) {
                    for (Element dep : children(deps, "dependency")) {
                        String scope = text(dep, "scope");
                        if (!"test".equals(scope) && !"provided".equals(scope)) dependencies.add(text(dep, "artifactId"));
                    }
                }
                Path parentFile = null;
                Element parent = child(project, "parent");
                String relative = parent == null ? null : text(parent, "relativePath");
                // An empty <relativePath/> means the parent comes from a repository, not from this checkout.
                if (parent != null && !"".equals(relative)) {
                    Path candidate = file.getParent().resolve(relative == null ? "../pom.xml" : relative).normalize();
                    parentFile = Files.isDirectory(candidate) ? candidate.resolve("pom.xml") : candidate;
                }
                return new Pom(text(project, "artifactId"), List.copyOf(dependencies), parentFile);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot read " + file, e);
            }
        }

        private static Element child(Element parent, String name) {
            List<Element> found = children(parent, name);
            return found.isEmpty() ? null : found.getFirst();
        }

        private static List<Element> children(Element parent, String name) {
            List<Element> out = new ArrayList<>();
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) out.add(e);
            }
            return out;
        }

        private static String text(Element parent, String name) {
            Element e = child(parent, name);
            return e == null ? null : e.getTextContent().trim();
        }
    }
}
