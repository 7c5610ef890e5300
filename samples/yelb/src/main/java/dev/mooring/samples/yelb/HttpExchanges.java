package dev.mooring.samples.yelb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;

/** Helpers shared by the two servers, which both use the JDK's HTTP server. */
public final class HttpExchanges {
    private HttpExchanges() {}

    /**
     * A server on the address that runs each exchange on a virtual thread of its own (the handlers block), or an
     * error that says why the port could not be had.
     */
    public static HttpServer listen(InetSocketAddress address, int backlog) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(address, backlog);
        } catch (BindException e) {
            throw new BindException("cannot listen on port " + address.getPort() + ": " + e.getMessage()
                    + privilegedPortHint(address.getPort()));
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        return server;
    }

    // nginx in the image binds 80 as root; here the container runs as an unprivileged user
    private static String privilegedPortHint(int port) {
        try {
            // line by line: a whole-file read of a numeric sysctl can come back truncated
            int firstUnprivileged = Integer.parseInt(
                    Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).getFirst().strip());
            return port != 0 && port < firstUnprivileged ? " (ports below " + firstUnprivileged + " need privilege:"
                    + " set net.ipv4.ip_unprivileged_port_start=0 in the network namespace, as Docker does, or"
                    + " choose another port)" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

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
