package community.linli.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template's policies against the modules' dependencies (see {@link TemplateModules} for the
 * rules). The repository's own template and poms must agree; the small repositories below show that
 * each kind of disagreement is caught, named by function and difference.
 */
class TemplateModulesTest {
    @TempDir
    Path repo;

    @Test
    void repository_everyFunctionModuleDeclaresExactlyTheTableModulesItsPoliciesGrant() {
        assertThat(TemplateModules.ofRepository().problems()).as("template.yaml against the module poms").isEmpty();
    }

    @Test
    void tableModule_isTheLogicalIdWithoutTableInKebabCase() {
        assertThat(TemplateModules.tableModule("RequestsTable")).isEqualTo("requests");
        assertThat(TemplateModules.tableArtifact("StaffAccountsTable")).isEqualTo("linli-tables-staff-accounts");
        assertThatThrownBy(() -> TemplateModules.tableModule("Requests")).hasMessageContaining("ends in Table");
    }

    @Test
    void grantedTables_readGetAttSubAndPolicyTemplateRefs() throws IOException {
        write(TEMPLATE_HEAD + FUNCTION.formatted("Policies:\n"
                + "        - Statement:\n"
                + "            - { Effect: Allow, Action: [dynamodb:Query], Resource: !Sub \"${BarsTable.Arn}/index/*\" }\n"
                + "        - DynamoDBReadPolicy: { TableName: !Ref FoosTable }\n", ""));

        assertThat(modules().grantedTables("ThingsFunction")).containsExactlyInAnyOrder("FoosTable", "BarsTable");
    }

    @Test
    void aFunctionModuleDeclaringATableItsPoliciesDoNotGrant_isNamedWithTheDifference() throws IOException {
        write(TEMPLATE_HEAD + FUNCTION.formatted(grant("FoosTable"), ""));
        functionPom("linli-tables-foos", "linli-tables-bars");

        assertThat(modules().problems()).singleElement().asString()
                .contains("ThingsFunction (functions/things)", "not granted [linli-tables-bars]", "missing []");
    }

    @Test
    void twoFunctionsSharingOneModule_areRefused() throws IOException {
        write(TEMPLATE_HEAD + FUNCTION.formatted(grant("FoosTable"), "")
                + FUNCTION.replace("ThingsFunction", "OtherThingsFunction").formatted(grant("FoosTable"), ""));
        functionPom("linli-tables-foos");

        assertThat(modules().problems()).singleElement().asString()
                .contains("ThingsFunction", "OtherThingsFunction", "share one module");
    }

    @Test
    void aFunctionModuleMissingAGrantedTable_isNamedWithTheDifference() throws IOException {
        write(TEMPLATE_HEAD + FUNCTION.formatted(grant("FoosTable") + "            - { Effect: Allow, Action: [dynamodb:GetItem], Resource: !GetAtt BarsTable.Arn }\n", ""));
        functionPom("linli-tables-foos");

        assertThat(modules().problems()).singleElement().asString()
                .contains("ThingsFunction (functions/things)", "missing [linli-tables-bars]");
    }

    @Test
    void aTableModuleDependingOnAnotherTable_isRefused() throws IOException {
        write(TEMPLATE_HEAD + FUNCTION.formatted(grant("FoosTable"), ""));
        functionPom("linli-tables-foos");
        tablePom("foos", "linli-tables-bars");

        assertThat(modules().problems()).singleElement().asString()
                .contains("functions/tables/foos", "declares [linli-tables-bars]");
    }

    @Test
    void aTableTheEnvironmentNamesButNoPolicyGrants_isRefused() throws IOException {
        write(TEMPLATE_HEAD + FUNCTION.formatted(grant("FoosTable"), "      Environment: { Variables: { BARS_TABLE: !Ref BarsTable } }\n"));
        functionPom("linli-tables-foos");

        assertThat(modules().problems()).singleElement().asString()
                .contains("ThingsFunction", "name [BarsTable], which its policies do not grant");
    }

    @Test
    void aFunctionThatSamWouldBuildWithItsOwnMaven_isRefused() throws IOException {
        write(TEMPLATE_HEAD + FUNCTION.formatted(grant("FoosTable"), "").replace("      BuildMethod: makefile\n", ""));
        functionPom("linli-tables-foos");

        assertThat(modules().problems()).singleElement().asString().contains("ThingsFunction", "BuildMethod: makefile");
    }

    @Test
    void aZipShippingATableJarItsPoliciesDoNotGrant_isNamedWithTheDifference() throws IOException {
        write(TEMPLATE_HEAD + FUNCTION.formatted(grant("FoosTable"), ""));
        functionPom("linli-tables-foos");
        zip("functions/things/target/things-function.zip", "Handler.class", "lib/linli-platform-1.0.0-SNAPSHOT.jar",
                "lib/linli-tables-foos-1.0.0-SNAPSHOT.jar", "lib/linli-tables-bars-1.0.0-SNAPSHOT.jar");

        assertThat(modules().zipProblems()).singleElement().asString()
                .contains("ThingsFunction (functions/things)", "extra [linli-tables-bars]");
    }

    @Test
    void aZipThatIsNotBuilt_isAProblemNotASilentPass() throws IOException {
        write(TEMPLATE_HEAD + FUNCTION.formatted(grant("FoosTable"), ""));
        functionPom("linli-tables-foos");

        assertThat(modules().zipProblems()).singleElement().asString().contains("things-function.zip is missing");
    }

    // ---------------------------------------------------------------- a small repository

    private static final String TEMPLATE_HEAD = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              FoosTable:
                Type: AWS::DynamoDB::Table
              BarsTable:
                Type: AWS::DynamoDB::Table
            """;

    /** A function with its policies ({@code %s}) and extra properties ({@code %s}). */
    private static final String FUNCTION = """
              ThingsFunction:
                Type: AWS::Serverless::Function
                Metadata:
                  BuildMethod: makefile
                  ContextPath: functions
                Properties:
                  CodeUri: functions/things
                  Handler: things.Handler::handleRequest
                  %s%s
            """;

    private static String grant(String table) {
        return "Policies:\n        - Statement:\n"
                + "            - { Effect: Allow, Action: [dynamodb:GetItem], Resource: !GetAtt " + table + ".Arn }\n";
    }

    private TemplateModules modules() {
        return new TemplateModules(repo, Template.load(repo.resolve("template.yaml")));
    }

    private void write(String template) throws IOException {
        Files.writeString(repo.resolve("template.yaml"), template);
        Files.writeString(repo.resolve("pom.xml"), pom("linli-parent", null));
        Files.createDirectories(repo.resolve("functions"));
        Files.writeString(repo.resolve("functions/pom.xml"), pom("linli-function-parent", "../pom.xml", "linli-platform"));
        tablePom("foos");
        tablePom("bars");
    }

    private void functionPom(String... dependencies) throws IOException {
        Files.createDirectories(repo.resolve("functions/things"));
        Files.writeString(repo.resolve("functions/things/pom.xml"), pom("things-function", "../pom.xml", dependencies));
    }

    private void tablePom(String module, String... dependencies) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("functions/tables/" + module));
        String[] all = new String[dependencies.length + 1];
        all[0] = "linli-platform";
        System.arraycopy(dependencies, 0, all, 1, dependencies.length);
        Files.writeString(dir.resolve("pom.xml"), pom("linli-tables-" + module, "../../../pom.xml", all));
    }

    private static String pom(String artifactId, String parent, String... dependencies) {
        StringBuilder pom = new StringBuilder("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n");
        if (parent != null) {
            pom.append("  <parent><artifactId>linli-parent</artifactId><relativePath>").append(parent).append("</relativePath></parent>\n");
        }
        pom.append("  <artifactId>").append(artifactId).append("</artifactId>\n  <dependencies>\n");
        for (String dependency : dependencies) {
            pom.append("    <dependency><groupId>community.linli</groupId><artifactId>").append(dependency).append("</artifactId></dependency>\n");
        }
        pom.append("    <dependency><artifactId>linli-tables-test-only</artifactId><scope>test</scope></dependency>\n");
        return pom.append("  </dependencies>\n</project>\n").toString();
    }

    private void zip(String relative, String... entries) throws IOException {
        Path file = repo.resolve(relative);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : List.of(entries)) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.getBytes());
                zip.closeEntry();
            }
        }
    }
}
