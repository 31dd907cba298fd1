package community.linli.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A set that moto made again from the first set's requests ({@link LocalAws#provisionOrClone},
 * scripts/moto_server.py 15) against one made through the real APIs under the same template: every
 * table, queue, bucket, topic and secret is described field by field in both, each set's prefix
 * written as {@code P-}, and the descriptions must be equal.
 */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisionCloneTest {
    private LocalAws first;
    private LocalAws cloned;
    private LocalAws fresh;

    @BeforeAll
    void provision(MotoServer moto) {
        Template template = Template.load();   // a template of its own: a shape no other test has made yet
        first = LocalAws.provisionOrClone(moto.endpoint(), template, "cf1-", null);
        cloned = LocalAws.provisionOrClone(moto.endpoint(), template, "cc1-", null);
        fresh = LocalAws.provision(moto.endpoint(), template, "cr1-");
    }

    @Test
    void provisionOrClone_makesTheFirstSetThroughTheApisAndTheNextFromItsRequests() {
        assertThat(first.provisioned().clonedFrom()).isNull();
        assertThat(cloned.provisioned().clonedFrom()).isEqualTo("cf1-");
        assertThat(cloned.provisioned().logicalIds()).containsExactlyElementsOf(fresh.provisioned().logicalIds());
    }

    @Test
    void clonedSet_recordsWhatRefAndGetAttReturn_asTheProvisionedOne() {
        for (String logicalId : fresh.provisioned().logicalIds()) {
            String type = fresh.template().typeOf(logicalId);
            Map<String, String> expected = new TreeMap<>(attributes(fresh, logicalId));
            Map<String, String> actual = new TreeMap<>(attributes(cloned, logicalId));
            if (type.equals("AWS::DynamoDB::Table") && expected.containsKey("StreamArn")) {
                // A stream's ARN ends in when it was made: the one DynamoDB itself answers for the cloned table.
                actual.remove("StreamArn");
                assertThat(cloned.provisioned().attribute(logicalId, "StreamArn")).as(logicalId).isEqualTo(
                        cloned.dynamoDb().describeTable(r -> r.tableName(cloned.name(logicalId))).table().latestStreamArn());
                expected.remove("StreamArn");
            }
            if (type.equals("AWS::SecretsManager::Secret")) {
                // A secret's ARN ends in a random suffix: the one Secrets Manager itself answers for the cloned secret.
                String arn = cloned.secretsManager().describeSecret(r -> r.secretId(cloned.name(logicalId))).arn();
                actual.remove("Ref");
                actual.remove("Id");
                assertThat(cloned.provisioned().ref(logicalId)).as(logicalId).isEqualTo(arn);
                assertThat(cloned.provisioned().attribute(logicalId, "Id")).as(logicalId).isEqualTo(arn);
                expected.remove("Ref");
                expected.remove("Id");
            }
            assertThat(actual).as(logicalId).isEqualTo(expected);
        }
    }

    @Test
    void clonedTables_haveTheKeysIndexesBillingStreamAndTtlOfProvisionedOnes() {
        for (String logicalId : fresh.template().logicalIdsOfType("AWS::DynamoDB::Table")) {
            assertThat(table(cloned, logicalId)).as(logicalId).isEqualTo(table(fresh, logicalId));
            assertThat(ttl(cloned, logicalId)).as(logicalId).isEqualTo(ttl(fresh, logicalId));
        }
        assertThat(table(fresh, "RequestsTable")).contains("StreamViewType=NEW_AND_OLD_IMAGES", "IndexName=");
        assertThat(ttl(fresh, "RequestsTable")).contains("AttributeName=ttl", "TimeToLiveStatus=ENABLED");
    }

    @Test
    void clonedQueues_haveTheAttributesOfProvisionedOnes() {
        for (String logicalId : fresh.template().logicalIdsOfType("AWS::SQS::Queue")) {
            assertThat(queue(cloned, logicalId)).as(logicalId).isEqualTo(queue(fresh, logicalId));
            assertThat(cloned.sqs().getQueueUrl(r -> r.queueName(cloned.name(logicalId))).queueUrl())
                    .isEqualTo(cloned.provisioned().ref(logicalId));
        }
        assertThat(queue(fresh, "ImportsQueue")).containsEntry("VisibilityTimeout", "5400");
    }

    @Test
    void clonedBuckets_haveTheCorsAndNotificationsOfProvisionedOnes() {
        for (String logicalId : fresh.template().logicalIdsOfType("AWS::S3::Bucket")) {
            assertThat(bucket(cloned, logicalId)).as(logicalId).isEqualTo(bucket(fresh, logicalId));
        }
        assertThat(bucket(fresh, "ImportsBucket")).contains("QueueArn=arn:aws:sqs:us-east-1:123456789012:P-ImportsQueue");
        assertThat(bucket(fresh, "FilesBucket")).contains("AllowedMethods=");
    }

    @Test
    void clonedTopicsAndSecrets_haveTheAttributesAndValuesOfProvisionedOnes() {
        for (String logicalId : fresh.template().logicalIdsOfType("AWS::SNS::Topic")) {
            assertThat(topic(cloned, logicalId)).as(logicalId).isEqualTo(topic(fresh, logicalId));
        }
        for (String logicalId : fresh.template().logicalIdsOfType("AWS::SecretsManager::Secret")) {
            String value = cloned.secretsManager().getSecretValue(r -> r.secretId(cloned.provisioned().ref(logicalId))).secretString();
            // The same requests: the first set's generated value, in the shape a provisioned secret has.
            assertThat(value).isEqualTo(first.secretsManager().getSecretValue(r -> r.secretId(first.provisioned().ref(logicalId))).secretString());
            assertThat(community.linli.platform.Json.parse(value, Map.class).keySet()).isEqualTo(community.linli.platform.Json.parse(
                    fresh.secretsManager().getSecretValue(r -> r.secretId(fresh.provisioned().ref(logicalId))).secretString(), Map.class).keySet());
        }
    }

    @Test
    void clonedSet_keepsItsDataApartFromTheFirstSet() {
        cloned.dynamoDb().putItem(r -> r.tableName(cloned.name("RequestsTable"))
                .item(Map.of("pk", AttributeValue.fromS("C#1"), "sk", AttributeValue.fromS("META"))));
        cloned.sqs().sendMessage(r -> r.queueUrl(cloned.provisioned().ref("ImportsQueue")).messageBody("only the clone's"));

        assertThat(first.dynamoDb().scan(r -> r.tableName(first.name("RequestsTable"))).count()).isZero();
        assertThat(cloned.dynamoDb().scan(r -> r.tableName(cloned.name("RequestsTable"))).count()).isEqualTo(1);
        // Each queue also holds the s3:TestEvent its bucket's notification configuration sent it.
        assertThat(bodies(first, "ImportsQueue")).noneMatch(b -> b.equals("only the clone's"))
                .anySatisfy(b -> assertThat(b).contains("s3:TestEvent", "\"cf1-importsbucket\""));
        assertThat(bodies(cloned, "ImportsQueue")).contains("only the clone's")
                .anySatisfy(b -> assertThat(b).contains("s3:TestEvent", "\"cc1-importsbucket\""));
        assertThat(new TableStream(cloned, "RequestsTable").newRecords()).hasSize(1);
        assertThat(new TableStream(first, "RequestsTable").newRecords()).isEmpty();
    }

    private static java.util.List<String> bodies(LocalAws aws, String queue) {
        return aws.sqs().receiveMessage(r -> r.queueUrl(aws.provisioned().ref(queue)).maxNumberOfMessages(10)).messages().stream()
                .map(software.amazon.awssdk.services.sqs.model.Message::body).toList();
    }

    private static Map<String, String> attributes(LocalAws aws, String logicalId) {
        Map<String, String> out = new TreeMap<>();
        out.put("Ref", generic(aws, aws.provisioned().ref(logicalId)));
        for (String attribute : new String[] {"Arn", "StreamArn", "Name", "QueueName", "QueueUrl", "TopicArn", "TopicName", "Id",
                "KeyId", "DomainName"}) {
            try {
                out.put(attribute, generic(aws, aws.provisioned().attribute(logicalId, attribute)));
            } catch (IllegalArgumentException notKnown) {
                // this type has no such attribute
            }
        }
        return out;
    }

    private static String table(LocalAws aws, String logicalId) {
        var table = aws.dynamoDb().describeTable(r -> r.tableName(aws.name(logicalId))).table().toBuilder()
                .creationDateTime(null).tableId(null).latestStreamArn(null).latestStreamLabel(null).build();
        return generic(aws, table.toString());
    }

    private static String ttl(LocalAws aws, String logicalId) {
        return aws.dynamoDb().describeTimeToLive(r -> r.tableName(aws.name(logicalId))).timeToLiveDescription().toString();
    }

    private static Map<String, String> queue(LocalAws aws, String logicalId) {
        Map<String, String> out = new TreeMap<>();
        aws.sqs().getQueueAttributes(r -> r.queueUrl(aws.provisioned().ref(logicalId)).attributeNames(QueueAttributeName.ALL))
                .attributes().forEach((name, value) -> out.put(name.toString(), generic(aws, value)));
        out.remove("CreatedTimestamp");
        out.remove("LastModifiedTimestamp");
        return out;
    }

    private static String bucket(LocalAws aws, String logicalId) {
        String name = aws.name(logicalId);
        String cors;
        try {
            cors = aws.s3().getBucketCors(r -> r.bucket(name)).corsRules().toString();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception none) {
            cors = none.awsErrorDetails().errorCode();
        }
        // A configuration's Id is made at random when none is given, as S3 does.
        return generic(aws, cors + " " + aws.s3().getBucketNotificationConfiguration(r -> r.bucket(name))).replaceAll("Id=[^,]*, ", "");
    }

    private static Map<String, String> topic(LocalAws aws, String logicalId) {
        Map<String, String> out = new TreeMap<>();
        aws.sns().getTopicAttributes(r -> r.topicArn(aws.arn(logicalId))).attributes()
                .forEach((name, value) -> out.put(name, generic(aws, value)));
        return out;
    }

    /** {@code value} with the set's own prefix written as {@code P-}. */
    private static String generic(LocalAws aws, String value) {
        return value.replace(aws.provisioned().prefix(), "P-");
    }
}
