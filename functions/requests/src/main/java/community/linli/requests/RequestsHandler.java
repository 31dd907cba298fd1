package community.linli.requests;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import community.linli.core.Aws;
import community.linli.core.Env;
import community.linli.core.Json;
import community.linli.core.Log;
import community.linli.core.Priming;
import community.linli.core.auth.Caller;
import community.linli.core.auth.Role;
import community.linli.core.directory.DirectoryStore;
import community.linli.core.http.Http;
import community.linli.core.http.Problem;
import community.linli.core.requests.RequestStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * RequestsFunction: resident requests (诉求).
 *
 * <p>{@code POST /requests}: a resident (or staff taking a call) files a request; writes the
 * request, its first timeline event and the day's counter to the RequestsTable, reads the category
 * and building from the DirectoryTable; 201 with the tracking number, 400/413/415 for bad input.
 * {@code GET /requests/{id}}: its requester, or staff and admins of the same community, read it;
 * anyone else gets 404, exactly as if it did not exist. Every route is 401 without a valid token.
 */
public final class RequestsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Requests requests;

    public RequestsHandler() {
        this(Aws.dynamoDb(), Env.require("REQUESTS_TABLE"), Env.require("DIRECTORY_TABLE"), Clock.systemUTC());
        Priming.beforeSnapshot(this::prime);
    }

    RequestsHandler(DynamoDbClient dynamo, String requestsTable, String directoryTable, Clock clock) {
        this(new Requests(new RequestStore(dynamo, requestsTable, clock), new DirectoryStore(dynamo, directoryTable), clock));
    }

    RequestsHandler(Requests requests) {
        this.requests = requests;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, () -> switch (event.getRouteKey()) {
            case "POST /requests" -> {
                var view = requests.submit(Caller.of(event), Json.read(event, SubmitRequestBody.class));
                yield Http.created(view, "/requests/" + view.id());
            }
            case "GET /requests/{id}" -> Http.ok(requests.get(Caller.of(event), Http.pathParam(event, "id")));
            default -> throw Problem.notFound();
        });
    }

    /** Loads the JSON and DynamoDB code paths a first request takes, without writing anything. */
    private void prime() {
        var caller = new Caller("priming", "priming", java.util.Set.of(Role.STAFF), java.util.Set.of());
        Json.parse("{\"category\":\"priming\",\"description\":\"priming\",\"location\":{\"buildingId\":\"B0\"}}", SubmitRequestBody.class);
        try {
            requests.get(caller, "000000-0000");
        } catch (Problem expected) {
            Log.info("snapstart.primed_request_path");
        }
    }
}
