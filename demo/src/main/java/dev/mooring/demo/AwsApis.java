package dev.mooring.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The public APIs the demo talks to, as any user's program would: the AWS SDK for Java v2 for ECS, ELBv2 and
 * Route 53, raw JSON 1.1 for Cloud Map (whose SDK module is not served here) and for UpdateService with a
 * {@code sc-update} file's bytes (what {@code aws ecs update-service --service-connect-configuration file://} sends,
 * sample-app.md §6.4), and Mooring's own admin endpoints.
 */
final class AwsApis implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final URI endpoint;
    final Region region;
    final EcsClient ecs;
    final ElasticLoadBalancingV2Client elb;
    final Route53Client route53;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AwsApis(URI endpoint, Region region) {
        this.endpoint = endpoint;
        this.region = region;
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("test", "test"));
        this.ecs = EcsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        this.elb = ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        this.route53 = Route53Client.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A Cloud Map operation (target prefix {@code Route53AutoNaming_v20170314}). */
    JsonNode cloudMap(String operation, Object body) throws IOException, InterruptedException {
        return json("servicediscovery", "Route53AutoNaming_v20170314." + operation,
                JSON.writeValueAsString(body));
    }

    /** An ECS operation with a body of raw JSON. */
    JsonNode ecsJson(String operation, String body) throws IOException, InterruptedException {
        return json("ecs", "AmazonEC2ContainerServiceV20141113." + operation, body);
    }

    private JsonNode json(String service, String target, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(30))
                .header("X-Amz-Target", target).header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/" + region.id() + "/" + service
                        + "/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new AwsError(target.substring(target.indexOf('.') + 1), json.path("__type").asText(),
                    json.path("message").asText(json.path("Message").asText(response.body())));
        }
        return json;
    }

    /** {@code GET /_mooring/...}: Mooring's admin endpoints (health, lb). */
    JsonNode admin(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Whether a Mooring answers at the endpoint. */
    boolean serverAnswers() {
        try {
            return admin("/_mooring/health").path("status").asText().equals("ok");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An AWS error answer: the operation, the error code and the message. */
    static final class AwsError extends IOException {
        final String code;

        AwsError(String operation, String code, String message) {
            super(operation + ": " + code.substring(code.indexOf('#') + 1) + ": " + message);
            this.code = code.substring(code.indexOf('#') + 1);
        }
    }

    @Override
    public void close() {
        ecs.close();
        elb.close();
        route53.close();
    }
}
