package dev.mooring.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs of a running server's admin endpoints ({@code /_mooring/...}), with the CLI's error messages. */
final class AdminClient {
    private AdminClient() {}

    /** The body of a 200 answer, or null after telling the user on stderr why there is none. */
    static String get(URI endpoint, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            response = http.send(HttpRequest.newBuilder(endpoint.resolve(pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            System.err.println("mooring: no server answers at " + endpoint + " (start one with ./mooring server)");
            return null;
        }
        if (response.statusCode() != 200) {
            System.err.println("mooring: " + endpoint + " answered " + response.statusCode() + ": " + response.body());
            return null;
        }
        return response.body();
    }
}
