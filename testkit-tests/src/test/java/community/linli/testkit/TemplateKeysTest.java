package community.linli.testkit;

import static community.linli.testkit.Template.list;
import static community.linli.testkit.Template.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table encrypted with a customer-managed key answers only callers that may use that key through
 * DynamoDB. Neither moto nor cfn-lint checks it, so a function whose policies grant a table but not its
 * key passes every local test and fails in AWS with AccessDeniedException. This holds the template's
 * tables, keys and function policies together: each table names a KMS key of the stack, and each
 * function granted a table has an Allow of {@code kms:Decrypt} on that key with
 * {@code kms:ViaService: dynamodb.<region>.<suffix>} (the statement {@code TablesKeyThroughDynamoDb}).
 */
class TemplateKeysTest {
    @TempDir
    Path dir;

    @Test
    void repository_everyTableAndEveryFunctionGrantedOneAgreeOnItsKey() {
        assertThat(problems(Template.load())).as("template.yaml's tables, keys and policies").isEmpty();
    }

    @Test
    void aFunctionGrantedATableButNotItsKey_isNamedWithTableAndKey() throws IOException {
        Template template = write(FUNCTION.formatted(""));

        assertThat(problems(template)).containsExactly("ThingsFunction is granted FoosTable but not kms:Decrypt on ThingsKey through DynamoDB");
    }

    @Test
    void aKeyGrantWithoutTheViaServiceCondition_doesNotCount() throws IOException {
        Template template = write(FUNCTION.formatted("""
                            - { Effect: Allow, Action: [kms:Decrypt, kms:Encrypt], Resource: !GetAtt ThingsKey.Arn }
                """));

        assertThat(problems(template)).singleElement().asString().contains("not kms:Decrypt on ThingsKey");
    }

    @Test
    void aKeyGrantThroughDynamoDb_satisfiesIt() throws IOException {
        Template template = write(FUNCTION.formatted(KEY_GRANT));

        assertThat(problems(template)).isEmpty();
    }

    @Test
    void aTableWithoutACustomerManagedKey_isNamed() throws IOException {
        Template template = write(FUNCTION.formatted(KEY_GRANT).replace("SSEType: KMS, KMSMasterKeyId: !Ref ThingsKey", "SSEType: KMS"));

        assertThat(problems(template)).contains("FoosTable names no KMS key of the stack in SSESpecification.KMSMasterKeyId");
    }

    /** Every disagreement between the tables' keys and the functions' policies, one line each; empty when they agree. */
    static List<String> problems(Template template) {
        List<String> problems = new ArrayList<>();
        for (String table : template.logicalIdsOfType(TemplateModules.TABLE_TYPE)) {
            if (keyOf(template, table) == null) {
                problems.add(table + " names no KMS key of the stack in SSESpecification.KMSMasterKeyId");
            }
        }
        for (String function : template.logicalIdsOfType(TemplateModules.FUNCTION_TYPE)) {
            Object policies = template.properties(function).get("Policies");
            for (String table : template.references(policies)) {
                if (!TemplateModules.TABLE_TYPE.equals(template.typeOf(table))) continue;
                String key = keyOf(template, table);
                if (key != null && !mayDecryptThroughDynamoDb(template, policies, key)) {
                    problems.add(function + " is granted " + table + " but not kms:Decrypt on " + key + " through DynamoDB");
                }
            }
        }
        return problems;
    }

    private static String keyOf(Template template, String table) {
        Set<String> named = template.references(map(template.properties(table).get("SSESpecification")).get("KMSMasterKeyId"));
        return named.stream().filter(k -> "AWS::KMS::Key".equals(template.typeOf(k))).findFirst().orElse(null);
    }

    private static boolean mayDecryptThroughDynamoDb(Template template, Object policies, String key) {
        for (Object policy : list(policies)) {
            for (Object item : list(map(policy).get("Statement"))) {
                Map<String, Object> statement = map(item);
                if (!"Allow".equals(statement.get("Effect"))) continue;
                Object actions = statement.get("Action");
                List<Object> actionList = actions instanceof String one ? List.of(one) : list(actions);
                if (!actionList.contains("kms:Decrypt") || !template.references(statement.get("Resource")).contains(key)) continue;
                Object viaService = map(map(statement.get("Condition")).get("StringEquals")).get("kms:ViaService");
                Object sub = map(viaService).get("Fn::Sub");
                if (sub instanceof String text && text.startsWith("dynamodb.${AWS::Region}.${AWS::URLSuffix}")) return true;
            }
        }
        return false;
    }

    private Template write(String resources) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, resources);
        return Template.load(file);
    }

    private static final String KEY_GRANT = """
                            - Effect: Allow
                              Action: [kms:Decrypt, kms:DescribeKey]
                              Resource: !GetAtt ThingsKey.Arn
                              Condition:
                                StringEquals: { "kms:ViaService": !Sub "dynamodb.${AWS::Region}.${AWS::URLSuffix}" }
                """;

    private static final String FUNCTION = """
            Resources:
              ThingsKey: { Type: AWS::KMS::Key }
              FoosTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref ThingsKey }
              ThingsFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/things
                  Policies:
                    - Statement:
                        - { Effect: Allow, Action: [dynamodb:GetItem], Resource: !GetAtt FoosTable.Arn }
            %s""";
}
