package community.linli.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@ExtendWith(MotoExtension.class)
class ProvisionerTest {

    @Test
    void provision_createsEachTableWithTheTemplatesKeysIndexesStreamAndTtl(LocalAws aws) {
        var table = aws.dynamoDb().describeTable(r -> r.tableName(aws.name("RequestsTable"))).table();

        assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("pk", "sk");
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrderElementsOf(indexNamesInTemplate(aws.template(), "RequestsTable"));
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        var ttl = aws.dynamoDb().describeTimeToLive(r -> r.tableName(aws.name("RequestsTable"))).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("ttl");
    }

    @Test
    void provision_createsEveryTableOfTheTemplate(LocalAws aws) {
        var tables = aws.dynamoDb().listTables().tableNames();

        for (String logicalId : aws.template().logicalIdsOfType("AWS::DynamoDB::Table")) {
            assertThat(tables).contains(aws.name(logicalId));
        }
    }

    @Test
    void provision_createsTheBucketAndTopic(LocalAws aws) {
        assertThat(aws.s3().listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo(aws.name("FilesBucket")));
        assertThat(aws.sns().listTopics().topics()).anySatisfy(t -> assertThat(t.topicArn()).isEqualTo(aws.arn("AlertsTopic")));
    }

    @Test
    void provision_givesEachQueueTheArnSqsItselfAnswers(LocalAws aws) {
        for (String queue : aws.template().logicalIdsOfType("AWS::SQS::Queue")) {
            String url = aws.provisioned().ref(queue);
            String arn = aws.sqs().getQueueAttributes(r -> r.queueUrl(url)
                    .attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN)).attributes()
                    .get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN);

            assertThat(aws.arn(queue)).as(queue).isEqualTo(arn);
        }
    }

    @Test
    void provision_subscribesTheSmsQueueToTheAlertsTopic_withTheTemplatesFilterPolicyAndRawDelivery(LocalAws aws) {
        var subscriptions = aws.sns().listSubscriptionsByTopic(r -> r.topicArn(aws.arn("AlertsTopic"))).subscriptions();
        assertThat(subscriptions).extracting(s -> s.endpoint()).containsExactly(aws.arn("SmsQueue"));
        var attributes = aws.sns().getSubscriptionAttributes(r -> r.subscriptionArn(subscriptions.getFirst().subscriptionArn())).attributes();
        Map<String, Object> template = aws.template().properties("SmsSenderSubscription");
        assertThat(community.linli.platform.Json.parse(attributes.get("FilterPolicy"), Map.class)).isEqualTo(template.get("FilterPolicy"));
        assertThat(attributes).containsEntry("FilterPolicyScope", String.valueOf(template.get("FilterPolicyScope")))
                .containsEntry("RawMessageDelivery", "true");

        for (String channel : List.of("email", "sms")) {
            aws.sns().publish(r -> r.topicArn(aws.arn("AlertsTopic")).message("to " + channel).messageAttributes(Map.of("channel",
                    software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder().dataType("String").stringValue(channel).build())));
        }
        var received = aws.sqs().receiveMessage(r -> r.queueUrl(aws.provisioned().ref("SmsQueue")).maxNumberOfMessages(10).waitTimeSeconds(1));
        assertThat(received.messages()).extracting(m -> m.body()).as("raw, and only the SMS").containsExactly("to sms");
    }

    @Test
    @Provision("AlertsFunction")
    void provisionFor_aFunctionWithoutTheQueue_subscribesNothingToItsTopic(LocalAws aws) {
        assertThat(aws.provisioned().has("SmsQueue")).isFalse();
        assertThat(aws.sns().listSubscriptionsByTopic(r -> r.topicArn(aws.arn("AlertsTopic"))).subscriptions()).isEmpty();
    }

    @Test
    void provision_skipsResourcesWhoseConditionIsFalse(LocalAws aws) {
        assertThat(aws.provisioned().has("AlertEmailSubscription")).isFalse();
        assertThat(aws.provisioned().condition("HasAlertEmail")).isFalse();
    }

    @Test
    void environment_resolvesRefsToThePhysicalNamesAndAddsTheEmulator(LocalAws aws) {
        Map<String, String> env = aws.environment("RequestsFunction");

        assertThat(env).containsEntry("REQUESTS_TABLE", aws.name("RequestsTable"))
                .containsEntry("DIRECTORY_TABLE", aws.name("DirectoryTable"))
                .containsEntry("STAGE", "dev")
                .containsEntry("LINLI_AWS_ENDPOINT", aws.endpoint().toString())
                .containsKey("AWS_REGION");
    }

    @Test
    void resolve_joinsAListIntoASubstitution(LocalAws aws) {
        Object input = Map.of("Fn::Sub", List.of("{\"communities\": [\"${Ids}\"]}",
                Map.of("Ids", Map.of("Fn::Join", List.of("\", \"", List.of("demo", "other"))))));

        assertThat(aws.provisioned().resolve(input)).isEqualTo("{\"communities\": [\"demo\", \"other\"]}");
    }

    @Test
    void twoTests_getSeparateResources(LocalAws aws, MotoServer moto) {
        var other = LocalAws.provision(moto.endpoint(), aws.template(), "other-" + System.nanoTime() + "-");

        assertThat(other.name("RequestsTable")).isNotEqualTo(aws.name("RequestsTable"));
    }

    @Test
    @Provision("DirectoryFunction")
    void provision_forOneFunction_createsOnlyWhatItsPropertiesName(LocalAws aws) {
        var tables = aws.dynamoDb().listTables().tableNames().stream().filter(n -> n.startsWith(aws.provisioned().prefix())).toList();

        assertThat(tables).containsExactlyInAnyOrder(aws.name("DirectoryTable"), aws.name("StaffTable"), aws.name("RequestsTable"));
        assertThat(aws.provisioned().has("AccountsTable")).isFalse();
        assertThat(aws.provisioned().has("FieldKey")).isFalse();
        assertThat(aws.provisioned().has("FilesBucket")).isFalse();
        assertThat(aws.provisioned().has("AlertsTopic")).isFalse();
        assertThat(aws.environment("DirectoryFunction")).containsEntry("DIRECTORY_TABLE", aws.name("DirectoryTable"));
    }

    @Test
    void resourcesFor_followsEnvironmentPoliciesAndEventsAndWhatThoseResourcesName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Parameters:
                  Stage: { Type: String, Default: dev }
                Resources:
                  AlertsKey: { Type: AWS::KMS::Key }
                  AlertsTopic: { Type: AWS::SNS::Topic, Properties: { KmsMasterKeyId: !Ref AlertsKey } }
                  UsedTable: { Type: AWS::DynamoDB::Table }
                  StreamedTable: { Type: AWS::DynamoDB::Table }
                  OtherTable: { Type: AWS::DynamoDB::Table }
                  FilesBucket: { Type: AWS::S3::Bucket }
                  OtherBucket: { Type: AWS::S3::Bucket }
                  Api: { Type: AWS::Serverless::HttpApi, Properties: { Description: !Ref OtherBucket } }
                  ThingsFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment: { Variables: { TABLE: !Ref UsedTable, TOPIC: !Ref AlertsTopic, STAGE: !Ref Stage } }
                      Policies:
                        - Statement:
                            - { Effect: Allow, Action: [s3:GetObject], Resource: !Sub "${FilesBucket.Arn}/uploads/*" }
                            - { Effect: Allow, Action: [logs:PutLogEvents], Resource: !Sub "arn:${AWS::Partition}:logs:*" }
                      Events:
                        Http: { Type: HttpApi, Properties: { ApiId: !Ref Api } }
                        Changes: { Type: DynamoDB, Properties: { Stream: !GetAtt StreamedTable.StreamArn } }
                """);

        var needed = Provisioner.resourcesFor(Template.load(file), List.of("ThingsFunction"));

        assertThat(needed).containsExactlyInAnyOrder("UsedTable", "AlertsTopic", "AlertsKey", "FilesBucket", "StreamedTable");
    }

    @SuppressWarnings("unchecked")
    static List<String> indexNamesInTemplate(Template template, String table) {
        return ((List<Map<String, Object>>) template.properties(table).get("GlobalSecondaryIndexes")).stream()
                .map(i -> (String) i.get("IndexName")).toList();
    }
}
