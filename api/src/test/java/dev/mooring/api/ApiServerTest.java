package dev.mooring.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.api.admin.AdminEndpoints;
import dev.mooring.api.awsjson.AwsJson;
import dev.mooring.api.awsjson.AwsJsonService;
import dev.mooring.core.operation.Operations;
import dev.mooring.core.operation.ServiceException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {
    record EchoRequest(String name, Integer count, List<String> tags) {}

    record EchoResponse(String name, Integer count, String region) {}

    private ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        AwsJson awsJson = new AwsJson("000000000000", Clock.systemUTC())
                .serve(new Operations("ecs").register("Echo", EchoRequest.class, (ctx, in) -> {
                    if (in.name() == null) {
                        throw new ServiceException("InvalidParameterException", "name is required.");
                    }
                    return new EchoResponse(in.name(), in.count(), ctx.region());
                }))
                .serve(new Operations("servicediscovery").register("Boom", EchoRequest.class, (ctx, in) -> {
                    throw new IllegalStateException("bug");
                }));
        AdminEndpoints admin = new AdminEndpoints()
                .add("GET /_mooring/health", r -> ApiResponse.json(200, "{\"status\":\"ok\"}"));
        server = ApiServer.builder().port(0).handler(MooringApi.of(awsJson, admin)).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String target, String contentType, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + "/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-1/ecs/aws4_request, "
                        + "SignedHeaders=host, Signature=abc")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            b.header("X-Amz-Target", target);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return AwsJsonService.ECS.mapper().readTree(r.body());
    }

    private static final String JSON = "application/x-amz-json-1.1";
    private static final String ECHO = "AmazonEC2ContainerServiceV20141113.Echo";

    @Test
    void routesByTargetAndTakesRegionFromTheCredentialScope() throws Exception {
        var r = post(ECHO, JSON, "{\"name\":\"a\",\"count\":3}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(r.body()).isEqualTo("{\"name\":\"a\",\"count\":3,\"region\":\"eu-west-1\"}");
    }

    @Test
    void badInputGetsAwsErrorsAndTheServerKeepsServing() throws Exception {
        var malformed = post(ECHO, JSON, "{\"name\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("__type").asText()).isEqualTo("SerializationException");

        var wrongType = post(ECHO, JSON, "{\"name\":\"a\",\"count\":\"three\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).get("message").asText()).contains("count").contains("integer");

        var listForString = post(ECHO, JSON, "{\"name\":[\"a\"]}");
        assertThat(json(listForString).get("__type").asText()).isEqualTo("SerializationException");

        var unknown = post("AmazonEC2ContainerServiceV20141113.Nope", JSON, "{}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("__type").asText()).isEqualTo("UnknownOperationException");

        var noTarget = post(null, JSON, "{}");
        assertThat(json(noTarget).get("__type").asText()).isEqualTo("UnknownOperationException");

        var wrongMedia = post(ECHO, "text/plain", "{}");
        assertThat(wrongMedia.statusCode()).isEqualTo(415);

        var notObject = post(ECHO, JSON, "[1,2]");
        assertThat(json(notObject).get("__type").asText()).isEqualTo("SerializationException");

        var huge = post(ECHO, JSON, "{\"name\":\"" + "x".repeat(MooringApi.MAX_BODY + 10) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);

        var missing = post(ECHO, JSON, "");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("__type").asText()).isEqualTo("InvalidParameterException");
        assertThat(missing.headers().firstValue("x-amzn-ErrorType")).contains("InvalidParameterException");

        assertThat(post(ECHO, JSON, "{\"name\":\"still-here\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aBugIsA500WithoutAStackTrace() throws Exception {
        var r = post("Route53AutoNaming_v20170314.Boom", JSON, "{}");
        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode body = json(r);
        assertThat(body.get("__type").asText()).isEqualTo("InternalFailure");
        assertThat(body.get("Message").asText()).doesNotContain("IllegalStateException").doesNotContain("at dev.");
    }

    @Test
    void adminEndpointsAnswerBesideTheApi() throws Exception {
        var r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.address().getPort() + "/_mooring/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("ok");
    }
}
