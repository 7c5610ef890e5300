package dev.mooring.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.server.MetricsEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;

/**
 * The demo's figures from the server's own metrics ({@code GET /_mooring/metrics?format=json}), as a user would
 * read them from CloudWatch: the Sum of one exact series over the minutes a phase touched. Between the phases nothing
 * sends traffic through the load balancers or the proxies (health checks go to the targets directly), so a phase's
 * first and last minutes hold only that phase's requests.
 */
final class ServerMetrics implements DemoMetrics {
    /** The registry folds what the data plane counted into its minutes once a second. */
    private static final Duration SAMPLING = Duration.ofMillis(2500);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private volatile Instant settled = Instant.EPOCH;

    ServerMetrics(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public OptionalLong sum(MetricQuery query, Instant from, Instant to) {
        try {
            awaitSampled(to);
            Instant firstMinute = from.truncatedTo(ChronoUnit.MINUTES);
            long minutes = Duration.between(firstMinute, Instant.now()).toMinutes() + 2;
            StringBuilder url = new StringBuilder("/_mooring/metrics?format=json&exact=true")
                    .append("&namespace=").append(encode(query.namespace()))
                    .append("&metric=").append(encode(query.metricName()))
                    .append("&since=").append(minutes).append('m');
            query.dimensions().forEach((k, v) -> url.append("&dim.").append(encode(k)).append('=').append(encode(v)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve(url.toString()))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return OptionalLong.empty();
            }
            MetricsEndpoint.Report report = JSON.readValue(response.body(), MetricsEndpoint.Report.class);
            double sum = report.series().stream().flatMap(s -> s.datapoints().stream())
                    .filter(p -> {
                        Instant minute = Instant.parse(p.timestamp());
                        return !minute.isBefore(firstMinute) && minute.isBefore(to);
                    })
                    .mapToDouble(MetricsEndpoint.Point::sum).sum();
            return OptionalLong.of(Math.round(sum));
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** Lets the registry take in the last second of a phase before its figures are read, once per phase end. */
    private void awaitSampled(Instant to) throws InterruptedException {
        if (settled.isBefore(to)) {
            Duration left = Duration.between(Instant.now(), to.plus(SAMPLING));
            if (!left.isNegative()) {
                Thread.sleep(left);
            }
            settled = to;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String describe() {
        return "load balancer and Service Connect figures from the server's metrics, " + endpoint
                + "/_mooring/metrics";
    }
}
