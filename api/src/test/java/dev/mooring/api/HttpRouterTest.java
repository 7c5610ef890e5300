package dev.mooring.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.api.admin.AdminEndpoints;
import dev.mooring.api.awsjson.AwsJson;
import dev.mooring.api.decorator.BodyLimit;
import dev.mooring.api.decorator.ErrorMapping;
import dev.mooring.api.decorator.RequestIds;
import dev.mooring.api.decorator.SigV4Region;
import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.Operations;
import dev.mooring.core.operation.ServiceException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Routing by the request's shape, with stand-ins for the protocols that come next (awsQuery for ELBv2, restXml for
 * Route 53): each stand-in answers with its name and renders errors its own way, so a test sees who answered.
 */
class HttpRouterTest {
    record Named(String name) {}

    /** A protocol stand-in: answers "&lt;name&gt; &lt;region&gt;", or throws what the request asks it to. */
    private static HttpHandler standIn(String name) {
        return r -> {
            if (r.path().endsWith("/fail")) {
                throw new ServiceException("ValidationError", ErrorKind.BAD_REQUEST, name + " refused it");
            }
            return new ApiResponse(200, "text/plain", Map.of(),
                    (name + " " + r.region()).getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Errors as a stand-in renders them: its name, the fault, the code. */
    private static ErrorMapping.ErrorShape shapeOf(String name) {
        return (r, e) -> new ApiResponse(e.kind() == ErrorKind.INTERNAL ? 500 : 400, "text/plain", Map.of(),
                (name + " " + e.kind().fault() + " " + e.code()).getBytes(StandardCharsets.UTF_8));
    }

    private final HttpHandler api = HttpRouter.builder()
            .route(RequestShape.pathPrefix(AdminEndpoints.PREFIX), new AdminEndpoints()
                    .add("POST /_mooring/echo", r -> ApiResponse.json(200, new String(r.body(), StandardCharsets.UTF_8)))
                    .decorate(ErrorMapping.to(AwsJson::error)))
            .route(RequestShape.amzJson(), new AwsJson("000000000000", Clock.systemUTC())
                    .serve(new Operations("ecs").register("Who", Named.class, (ctx, in) -> new Named("awsJson "
                            + ctx.region())))
                    .decorate(SigV4Region.decorator())
                    .decorate(ErrorMapping.to(AwsJson::error)))
            .route(RequestShape.formAction(), standIn("awsQuery")
                    .decorate(BodyLimit.of(64))
                    .decorate(SigV4Region.decorator())
                    .decorate(ErrorMapping.to(shapeOf("awsQuery"))))
            .route(RequestShape.pathPrefix("/2013-04-01/"), standIn("restXml")
                    .decorate(SigV4Region.decorator())
                    .decorate(ErrorMapping.to(shapeOf("restXml"))))
            .build()
            .decorate(RequestIds.decorator());

    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-1/ecs/aws4_request, "
            + "SignedHeaders=host, Signature=abc";

    private ApiResponse send(String method, String uri, String contentType, String body, String... headers) {
        HttpHeaders h = new DefaultHttpHeaders().set("Authorization", SIGNED);
        if (contentType != null) {
            h.set("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            h.set(headers[i], headers[i + 1]);
        }
        return api.handle(ApiRequest.of(method, uri, h, body.getBytes(StandardCharsets.UTF_8), false));
    }

    private static String text(ApiResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void eachShapeReachesItsProtocol() {
        assertThat(text(send("POST", "/", "application/x-amz-json-1.1", "{}",
                "X-Amz-Target", "AmazonEC2ContainerServiceV20141113.Who"))).isEqualTo("{\"name\":\"awsJson eu-west-1\"}");
        assertThat(text(send("POST", "/", "application/x-www-form-urlencoded",
                "Action=DescribeLoadBalancers&Version=2015-12-01"))).isEqualTo("awsQuery eu-west-1");
        assertThat(text(send("GET", "/?Action=DescribeLoadBalancers&Version=2015-12-01", null, "")))
                .isEqualTo("awsQuery eu-west-1");
        assertThat(text(send("GET", "/2013-04-01/hostedzone", null, ""))).isEqualTo("restXml eu-west-1");
        assertThat(text(send("POST", "/_mooring/echo", "application/json", "{\"seen\":true}")))
                .as("admin handlers see the request").isEqualTo("{\"seen\":true}");
    }

    @Test
    void errorsTakeTheShapeOfTheProtocolThatRaisedThem() {
        assertThat(text(send("GET", "/2013-04-01/fail", null, ""))).isEqualTo("restXml CLIENT ValidationError");
        ApiResponse tooLarge = send("POST", "/", "application/x-www-form-urlencoded",
                "Action=CreateLoadBalancer&Name=" + "x".repeat(100));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(text(tooLarge)).isEqualTo("awsQuery CLIENT RequestEntityTooLargeException");
        ApiResponse unknown = send("POST", "/", "application/x-amz-json-1.1", "{}",
                "X-Amz-Target", "AmazonEC2ContainerServiceV20141113.Nope");
        assertThat(unknown.headers()).containsEntry("x-amzn-ErrorType", "UnknownOperationException");
        assertThat(send("GET", "/nowhere", null, "").status()).as("no route takes it").isEqualTo(404);
    }

    @Test
    void everyAnswerCarriesARequestId() {
        assertThat(send("GET", "/2013-04-01/hostedzone", null, "").headers()).containsKey(RequestIds.HEADER);
        assertThat(send("GET", "/2013-04-01/fail", null, "").headers()).containsKey(RequestIds.HEADER);
    }
}
