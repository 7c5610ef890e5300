package dev.mooring.samples.yelb.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mooring.samples.yelb.Drain;
import dev.mooring.samples.yelb.HttpExchanges;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * yelb-ui: nginx's part of the image (sample-app.md §11.1) on the JDK's HTTP server, one virtual thread per
 * request. Slashes are merged first ({@code merge_slashes on}, which makes the UI's own {@code //api/...} calls
 * work); {@code /api...} goes to the app server, {@code /} and {@code /index.html} are the voting page, anything
 * else is a 404.
 */
public final class UiServer implements AutoCloseable {
    private static final int BACKLOG = 1024;
    private static final Pattern SLASHES = Pattern.compile("/{2,}");
    private static final byte[] INDEX = indexPage();

    private final HttpServer server;
    private final Drain drain;

    private UiServer(HttpServer server, Drain drain) {
        this.server = server;
        this.drain = drain;
    }

    public static UiServer start(UiConfig config) throws IOException {
        return start(config, Resolver.SYSTEM, new InetSocketAddress(config.port()));
    }

    /** Resolves the app server's name (failing when it does not resolve, as nginx does), then listens. */
    public static UiServer start(UiConfig config, Resolver resolver, InetSocketAddress address) throws IOException {
        AppServerUpstream upstream = AppServerUpstream.resolve(config, resolver);
        HttpServer server = HttpExchanges.listen(address, BACKLOG);
        Drain drain = new Drain();
        server.createContext("/", drain.counting(exchange -> serve(upstream, exchange)));
        server.start();
        System.err.println("yelb-ui listening on :" + server.getAddress().getPort() + ", /api -> "
                + config.appServerHost() + ":" + config.appServerPort() + " at " + upstream.addresses());
        return new UiServer(server, drain);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Lets the requests in flight finish, for at most the given seconds, then stops. */
    public void drain(int seconds) {
        drain.stop(server, seconds);
    }

    private static void serve(AppServerUpstream upstream, HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = HttpExchanges.requestTarget(exchange);
            String path = SLASHES.matcher(HttpExchanges.path(target)).replaceAll("/");
            String query = target.substring(HttpExchanges.path(target).length());
            if (path.startsWith("/api")) {
                upstream.forward(exchange, path + query);
            } else if (path.equals("/") || path.equals("/index.html")) {
                staticPage(exchange);
            } else {
                HttpExchanges.send(exchange, 404, Map.of("Content-Type", "text/html"), errorPage("404 Not Found"));
            }
        }
    }

    private static void staticPage(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            HttpExchanges.send(exchange, 405, Map.of("Content-Type", "text/html"), errorPage("405 Not Allowed"));
            return;
        }
        HttpExchanges.send(exchange, 200, Map.of("Content-Type", "text/html"), INDEX);
    }

    private static byte[] errorPage(String reason) {
        return ("<html>\r\n<head><title>" + reason + "</title></head>\r\n<body>\r\n<center><h1>" + reason
                + "</h1></center>\r\n<hr><center>yelb-ui</center>\r\n</body>\r\n</html>\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] indexPage() {
        try (InputStream in = UiServer.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IllegalStateException("index.html is missing from the class path; rebuild the sample");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
