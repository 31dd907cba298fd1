package community.linli.testkit;

import static community.linli.testkit.Template.list;
import static community.linli.testkit.Template.map;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the template's tables, buckets, topics, queues, queues' subscriptions to topics, secrets
 * and KMS keys on an emulator, reading their keys, indexes, streams, TTL and filter policies from
 * template.yaml itself. There is no second hand-written
 * copy of the data model: change the template and local runs and tests follow.
 *
 * <p>Resources with a condition that is false under the parameter defaults are skipped, as
 * CloudFormation would skip them. Types with no local meaning (Cognito, IAM, log groups, the API)
 * are left out: the local runtime plays their part.
 *
 * <p>A test of one function needs only what that function names: {@link #resourcesFor} derives it
 * from the template, so a function's tests create its tables, bucket and topic and nothing else.
 */
public final class Provisioner {
    /** The types created here, in the order they are created (a topic's key before the topic, a bucket's queue before the bucket). */
    static final List<String> TYPES = List.of("AWS::KMS::Key", "AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::S3::Bucket", "AWS::SNS::Topic",
            "AWS::SecretsManager::Secret", "AWS::SNS::Subscription");
    private static final String SUBSCRIPTION = "AWS::SNS::Subscription";

    private final DynamoDbClient dynamo;
    private final S3Client s3;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final KmsClient kms;
    private final SecretsManagerClient secrets;

    /** The keys every resource set on one emulator shares, by logical id, spec and usage; null: each set makes its own. */
    private Map<String, software.amazon.awssdk.services.kms.model.KeyMetadata> sharedKeys;

    public Provisioner(DynamoDbClient dynamo, S3Client s3, SnsClient sns, SqsClient sqs, KmsClient kms, SecretsManagerClient secrets) {
        this.dynamo = dynamo;
        this.s3 = s3;
        this.sns = sns;
        this.sqs = sqs;
        this.kms = kms;
        this.secrets = secrets;
    }

    /**
     * What the functions need on the emulator: the tables, buckets, topics, queues and keys their properties
     * (environment, policies, events) name, and what those name in turn (a topic's KMS key). Whatever the
     * template adds to a function's policies or environment is created for its tests, with no list to keep.
     */
    public static Set<String> resourcesFor(Template template, Collection<String> functionLogicalIds) {
        for (String function : functionLogicalIds) {
            if (!"AWS::Serverless::Function".equals(template.typeOf(function))) {
                throw new IllegalArgumentException(function + " is a " + template.typeOf(function) + ", not an AWS::Serverless::Function");
            }
        }
        Set<String> needed = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(template.referencesOf(functionLogicalIds));
        while (!pending.isEmpty()) {
            String logicalId = pending.pop();
            if (!TYPES.contains(template.typeOf(logicalId)) || !needed.add(logicalId)) continue;
            pending.addAll(template.references(template.properties(logicalId)));
        }
        return needed;
    }

    /**
     * Makes each of the template's KMS keys once in {@code keys} and gives every resource set the same
     * one, as one stack's functions share their keys. Tests on one moto then seal and open alike (a
     * seeded table can be copied between them, {@link LocalAws#seedOnce}), and make three keys per
     * run instead of three per test; a test that needs another key makes its own.
     */
    public Provisioner sharingKeys(Map<String, software.amazon.awssdk.services.kms.model.KeyMetadata> keys) {
        this.sharedKeys = keys;
        return this;
    }

    /** Creates every resource of the template that has a local meaning. */
    public Provisioned provision(Template template, String prefix) {
        return provision(template, prefix, null);
    }

    /** Creates the resources among {@code only} (logical ids, see {@link #resourcesFor}); {@code null} means all. */
    public Provisioned provision(Template template, String prefix, Set<String> only) {
        Provisioned out = new Provisioned(prefix, template);
        for (String type : TYPES) {
            for (String logicalId : template.logicalIdsOfType(type)) {
                // A subscription is made when its topic and its queue are, whoever named them.
                if (only != null && !only.contains(logicalId) && !type.equals(SUBSCRIPTION)) continue;
                Object condition = template.resource(logicalId).get("Condition");
                if (condition != null && !out.condition(String.valueOf(condition))) continue;
                Map<String, Object> props = template.properties(logicalId);
                switch (type) {
                    case "AWS::KMS::Key" -> key(out, logicalId, props);
                    case "AWS::DynamoDB::Table" -> table(out, prefix + logicalId, logicalId, props);
                    case "AWS::S3::Bucket" -> bucket(out, bucketName(prefix, logicalId), logicalId, props);
                    case "AWS::SQS::Queue" -> queue(out, prefix + logicalId, logicalId, props);
                    case "AWS::SNS::Topic" -> topic(out, prefix + logicalId, logicalId);
                    case "AWS::SecretsManager::Secret" -> secret(out, prefix + logicalId, logicalId, props);
                    case SUBSCRIPTION -> subscription(out, template, props);
                    default -> throw new IllegalStateException(type);
                }
            }
        }
        return out;
    }

    private void key(Provisioned out, String logicalId, Map<String, Object> props) {
        // Spec and usage as the template declares them (an HMAC key refuses Encrypt, a symmetric one GenerateMac);
        // the key policy is left out: IAM is not emulated, the template's policies are checked by cfn-lint.
        String spec = String.valueOf(props.getOrDefault("KeySpec", "SYMMETRIC_DEFAULT"));
        String usage = String.valueOf(props.getOrDefault("KeyUsage", "ENCRYPT_DECRYPT"));
        java.util.function.Supplier<software.amazon.awssdk.services.kms.model.KeyMetadata> create = () -> kms.createKey(r -> r
                .description(String.valueOf(props.getOrDefault("Description", logicalId))).keySpec(spec).keyUsage(usage)).keyMetadata();
        var metadata = sharedKeys == null ? create.get() : sharedKeys.computeIfAbsent(logicalId + "|" + spec + "|" + usage, k -> create.get());
        out.record(logicalId, metadata.keyId(), Map.of("Arn", metadata.arn(), "KeyId", metadata.keyId()));
    }

    private void table(Provisioned out, String name, String logicalId, Map<String, Object> props) {
        var request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(list(props.get("AttributeDefinitions")).stream()
                        .map(Template::map)
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(String.valueOf(a.get("AttributeName")))
                                .attributeType(String.valueOf(a.get("AttributeType"))).build())
                        .toList())
                .keySchema(keySchema(props.get("KeySchema")));
        boolean onDemand = "PAY_PER_REQUEST".equals(out.resolve(props.get("BillingMode")));
        if (onDemand) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.provisionedThroughput(throughput());
        }
        List<GlobalSecondaryIndex> globals = new ArrayList<>();
        for (Object index : list(props.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> gsi = map(index);
            var builder = GlobalSecondaryIndex.builder()
                    .indexName(String.valueOf(gsi.get("IndexName")))
                    .keySchema(keySchema(gsi.get("KeySchema")))
                    .projection(projection(gsi.get("Projection")));
            if (!onDemand) builder.provisionedThroughput(throughput());
            globals.add(builder.build());
        }
        if (!globals.isEmpty()) request.globalSecondaryIndexes(globals);
        List<LocalSecondaryIndex> locals = new ArrayList<>();
        for (Object index : list(props.get("LocalSecondaryIndexes"))) {
            Map<String, Object> lsi = map(index);
            locals.add(LocalSecondaryIndex.builder()
                    .indexName(String.valueOf(lsi.get("IndexName")))
                    .keySchema(keySchema(lsi.get("KeySchema")))
                    .projection(projection(lsi.get("Projection"))).build());
        }
        if (!locals.isEmpty()) request.localSecondaryIndexes(locals);
        Map<String, Object> stream = map(props.get("StreamSpecification"));
        if (!stream.isEmpty()) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(String.valueOf(stream.get("StreamViewType"))).build());
        }
        TableDescription table = dynamo.createTable(request.build()).tableDescription();

        Map<String, Object> ttl = map(props.get("TimeToLiveSpecification"));
        if (Boolean.TRUE.equals(ttl.get("Enabled")) || "true".equals(String.valueOf(ttl.get("Enabled")))) {
            dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(s -> s
                    .attributeName(String.valueOf(ttl.get("AttributeName"))).enabled(true)));
        }
        Map<String, String> attrs = new HashMap<>();
        attrs.put("Arn", table.tableArn());
        if (table.latestStreamArn() != null) attrs.put("StreamArn", table.latestStreamArn());
        out.record(logicalId, name, attrs);
    }

    private void bucket(Provisioned out, String name, String logicalId, Map<String, Object> props) {
        s3.createBucket(r -> r.bucket(name));
        List<CORSRule> rules = new ArrayList<>();
        for (Object rule : list(map(props.get("CorsConfiguration")).get("CorsRules"))) {
            Map<String, Object> r = map(rule);
            var builder = CORSRule.builder()
                    .allowedMethods(strings(out, r.get("AllowedMethods")))
                    .allowedOrigins(strings(out, r.get("AllowedOrigins")))
                    .allowedHeaders(strings(out, r.get("AllowedHeaders")))
                    .exposeHeaders(strings(out, r.get("ExposedHeaders")));
            if (r.get("MaxAge") != null) builder.maxAgeSeconds(Integer.valueOf(out.resolve(r.get("MaxAge"))));
            rules.add(builder.build());
        }
        if (!rules.isEmpty()) s3.putBucketCors(r -> r.bucket(name).corsConfiguration(c -> c.corsRules(rules)));
        List<QueueConfiguration> queues = new ArrayList<>();
        for (Object notification : list(map(props.get("NotificationConfiguration")).get("QueueConfigurations"))) {
            Map<String, Object> n = map(notification);
            Map<String, Object> queueRef = map(n.get("Queue"));
            String queue = queueRef.containsKey("Fn::GetAtt") ? String.valueOf(list(queueRef.get("Fn::GetAtt")).getFirst()) : null;
            if (queue != null && !out.has(queue)) continue;   // a test that did not provision the queue gets no notification
            List<FilterRule> filter = list(map(map(n.get("Filter")).get("S3Key")).get("Rules")).stream().map(Template::map)
                    .map(r -> FilterRule.builder().name(out.resolve(r.get("Name"))).value(out.resolve(r.get("Value"))).build()).toList();
            var builder = QueueConfiguration.builder().queueArn(out.resolve(n.get("Queue"))).eventsWithStrings(out.resolve(n.get("Event")));
            if (!filter.isEmpty()) builder.filter(f -> f.key(k -> k.filterRules(filter)));
            queues.add(builder.build());
        }
        if (!queues.isEmpty()) {
            s3.putBucketNotificationConfiguration(r -> r.bucket(name).notificationConfiguration(c -> c.queueConfigurations(queues)));
        }
        out.record(logicalId, name, Map.of("Arn", "arn:aws:s3:::" + name, "DomainName", name + ".s3.amazonaws.com"));
    }

    /** A queue with its visibility timeout (a redrive policy is not applied on the emulator). */
    private void queue(Provisioned out, String name, String logicalId, Map<String, Object> props) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        if (props.get("VisibilityTimeout") != null) attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, out.resolve(props.get("VisibilityTimeout")));
        String url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
        // A queue's ARN is its region, its account (the URL's first path segment) and its name, as SQS forms it:
        // one GetQueueAttributes less per queue and test (777 of the 29,473 calls a run of the suite made to moto).
        String region = sqs.serviceClientConfiguration().region().id();
        String account = java.net.URI.create(url).getPath().split("/")[1];
        String arn = "arn:" + (region.startsWith("cn-") ? "aws-cn" : "aws") + ":sqs:" + region + ":" + account + ":" + name;
        out.record(logicalId, url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url, "Name", name));
    }

    private void topic(Provisioned out, String name, String logicalId) {
        String arn = sns.createTopic(r -> r.name(name)).topicArn();
        out.record(logicalId, arn, Map.of("TopicArn", arn, "TopicName", name, "Name", name, "Arn", arn));
    }

    /** A secret with its SecretString, or what GenerateSecretString would make: the template object plus a random key. */
    /**
     * A queue's subscription to a topic, as CloudFormation makes it: its filter policy, the policy's
     * scope and raw delivery as the template gives them; only when both its topic and its queue were
     * made here. E-mail and SMS subscriptions have no local meaning (their conditions are false under
     * the parameter defaults anyway).
     */
    private void subscription(Provisioned out, Template template, Map<String, Object> props) {
        if (!"sqs".equals(props.get("Protocol"))) return;
        if (!template.references(props).stream().allMatch(out::has)) return;
        Map<String, String> attributes = new HashMap<>();
        if (props.get("FilterPolicy") != null) attributes.put("FilterPolicy", community.linli.platform.Json.write(props.get("FilterPolicy")));
        if (props.get("FilterPolicyScope") != null) attributes.put("FilterPolicyScope", String.valueOf(props.get("FilterPolicyScope")));
        if (props.get("RawMessageDelivery") != null) attributes.put("RawMessageDelivery", String.valueOf(props.get("RawMessageDelivery")));
        sns.subscribe(r -> r.topicArn(out.resolve(props.get("TopicArn"))).protocol("sqs")
                .endpoint(out.resolve(props.get("Endpoint"))).attributes(attributes));
    }

    private void secret(Provisioned out, String name, String logicalId, Map<String, Object> props) {
        String value;
        if (props.get("SecretString") != null) {
            value = out.resolve(props.get("SecretString"));
        } else {
            Map<String, Object> generate = map(props.get("GenerateSecretString"));
            String random = java.util.UUID.randomUUID().toString().replace("-", "");
            Object template = generate.get("SecretStringTemplate");
            if (template == null) {
                value = random;
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = new java.util.LinkedHashMap<>(community.linli.platform.Json.parse(out.resolve(template), Map.class));
                object.put(String.valueOf(generate.get("GenerateStringKey")), random);
                value = community.linli.platform.Json.write(object);
            }
        }
        String arn = secrets.createSecret(r -> r.name(name).secretString(value)).arn();
        out.record(logicalId, arn, Map.of("Id", arn, "Name", name));
    }

    private static List<KeySchemaElement> keySchema(Object value) {
        return list(value).stream().map(Template::map)
                .map(k -> KeySchemaElement.builder()
                        .attributeName(String.valueOf(k.get("AttributeName")))
                        .keyType(String.valueOf(k.get("KeyType"))).build())
                .toList();
    }

    private static Projection projection(Object value) {
        Map<String, Object> p = map(value);
        var builder = Projection.builder().projectionType(String.valueOf(p.getOrDefault("ProjectionType", "ALL")));
        List<Object> nonKey = list(p.get("NonKeyAttributes"));
        if (!nonKey.isEmpty()) builder.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
        return builder.build();
    }

    private static ProvisionedThroughput throughput() {
        return ProvisionedThroughput.builder().readCapacityUnits(100L).writeCapacityUnits(100L).build();
    }

    private static List<String> strings(Provisioned out, Object value) {
        return list(value).stream().map(out::resolve).toList();
    }

    /** Bucket names are lower case, at most 63 characters. */
    static String bucketName(String prefix, String logicalId) {
        String name = (prefix + logicalId).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
