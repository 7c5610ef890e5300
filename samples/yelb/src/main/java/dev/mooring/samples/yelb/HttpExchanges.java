package dev.mooring.samples.yelb;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Helpers shared by the two servers, which both use the JDK's HTTP server. */
public final class HttpExchanges {
    private HttpExchanges() {}

    /**
     * The request target as the client sent it. {@link HttpExchange#getRequestURI()} parses {@code //api/getvotes}
     * (the sample's load-test path, §11.1) as a network path with authority {@code api}; its string form is the
     * original text.
     */
    public static String requestTarget(HttpExchange exchange) {
        return exchange.getRequestURI().toString();
    }

    /** The target without its query string. */
    public static String path(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** Sends a whole response; no body for HEAD, as HTTP wants, though the length is what GET would send. */
    public static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach(exchange.getResponseHeaders()::set);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
        }
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
