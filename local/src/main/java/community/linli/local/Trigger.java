package community.linli.local;

/**
 * An event source of the template that invokes a function in the background, as Lambda's pollers
 * and schedulers do: one class per event {@code Type} ({@link DynamoDbStreamTrigger} for
 * {@code DynamoDB}), created by {@link Triggers}. HTTP API events are not triggers: the
 * {@link HttpApiGateway} serves them as requests arrive.
 */
interface Trigger extends AutoCloseable {
    /** One line for the start-up summary, such as {@code AlertsFunction <- stream of RequestsTable}. */
    String describe();

    /** Stops polling; an invocation in progress finishes on its own. */
    @Override
    void close();
}
