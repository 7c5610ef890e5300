package dev.mooring.samples.yelb.ui;

import com.sun.net.httpserver.HttpExchange;
import dev.mooring.samples.yelb.HttpExchanges;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The UI's {@code location /api { proxy_pass http://APP_SERVER:APP_SERVER_PORT/api; proxy_http_version 1.1; }}
 * (sample-app.md §11.1), with nginx's defaults: the name is resolved once when the UI starts and never again, so
 * a client of a DNS name keeps the addresses it started with; requests go round-robin over those addresses, on to
 * the next one when a connection cannot be made; {@code Host} is the configured name and port and
 * {@code Connection: close} (no upstream keepalive); 60 s connect and read timeouts; 502 when the app server cannot
 * be reached or answer, 504 when it times out.
 */
final class AppServerUpstream {
    private static final int TIMEOUT_MILLIS = 60_000;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length");
    // headers the front sets itself rather than passing on (nginx replaces Date and Server)
    private static final Set<String> NOT_PASSED_BACK = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "content-length", "date", "server");

    static {
        // Host and Connection are restricted headers of HttpURLConnection; the proxy must set them, as nginx does
        System.setProperty("sun.net.http.allowRestrictedHeaders", "true");
        // a request that failed once is not sent again behind the caller's back
        System.setProperty("sun.net.http.retryPost", "false");
    }

    private final List<InetAddress> addresses;
    private final int port;
    private final String hostHeader;
    private final AtomicInteger next = new AtomicInteger();

    private AppServerUpstream(List<InetAddress> addresses, int port, String hostHeader) {
        this.addresses = List.copyOf(addresses);
        this.port = port;
        this.hostHeader = hostHeader;
    }

    /** Resolves the app server's name now, once; fails like nginx's "host not found in upstream". */
    static AppServerUpstream resolve(UiConfig config, Resolver resolver) throws IOException {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(config.appServerHost());
        } catch (UnknownHostException e) {
            addresses = List.of();
        }
        if (addresses.isEmpty()) {
            throw new IOException("host not found in upstream \"" + config.appServerHost() + ":"
                    + config.appServerPort() + "\"");
        }
        // nginx's $proxy_host: the name, and the port unless it is 80
        String host = config.appServerHost() + (config.appServerPort() == 80 ? "" : ":" + config.appServerPort());
        return new AppServerUpstream(addresses, config.appServerPort(), host);
    }

    List<InetAddress> addresses() {
        return addresses;
    }

    /** Forwards the exchange to {@code target} (the normalized path and query) and relays the answer. */
    void forward(HttpExchange exchange, String target) throws IOException {
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        int first = Math.floorMod(next.getAndIncrement(), addresses.size());
        IOException lastFailure = null;
        for (int i = 0; i < addresses.size(); i++) {
            InetAddress address = addresses.get((first + i) % addresses.size());
            HttpURLConnection upstream = open(exchange, address, target, requestBody.length > 0);
            try {
                upstream.connect();
            } catch (IOException e) {
                lastFailure = e; // nginx's proxy_next_upstream error timeout: try the next address
                continue;
            }
            relay(exchange, upstream, requestBody);
            return;
        }
        gatewayError(exchange, lastFailure instanceof SocketTimeoutException ? 504 : 502);
    }

    private HttpURLConnection open(HttpExchange exchange, InetAddress address, String target, boolean hasBody)
            throws IOException {
        String literal = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]"
                : address.getHostAddress();
        HttpURLConnection upstream = (HttpURLConnection) URI.create("http://" + literal + ":" + port + target)
                .toURL().openConnection(Proxy.NO_PROXY);
        upstream.setRequestMethod(exchange.getRequestMethod());
        upstream.setInstanceFollowRedirects(false);
        upstream.setUseCaches(false);
        upstream.setConnectTimeout(TIMEOUT_MILLIS);
        upstream.setReadTimeout(TIMEOUT_MILLIS);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> upstream.addRequestProperty(name, v));
            }
        });
        upstream.setRequestProperty("Host", hostHeader);
        upstream.setRequestProperty("Connection", "close");
        upstream.setDoOutput(hasBody);
        return upstream;
    }

    private void relay(HttpExchange exchange, HttpURLConnection upstream, byte[] requestBody) throws IOException {
        int status;
        byte[] body;
        try {
            if (requestBody.length > 0) {
                try (OutputStream out = upstream.getOutputStream()) {
                    out.write(requestBody);
                }
            }
            status = upstream.getResponseCode();
            InputStream in = status >= 400 ? upstream.getErrorStream() : upstream.getInputStream();
            body = in == null ? new byte[0] : readAll(in);
        } catch (SocketTimeoutException e) {
            gatewayError(exchange, 504);
            return;
        } catch (IOException e) {
            gatewayError(exchange, 502);
            return;
        } finally {
            upstream.disconnect();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        upstream.getHeaderFields().forEach((name, values) -> {
            if (name != null && !NOT_PASSED_BACK.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                headers.put(name, String.join(", ", values));
            }
        });
        HttpExchanges.send(exchange, status, headers, body);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void gatewayError(HttpExchange exchange, int status) throws IOException {
        String reason = status == 504 ? "504 Gateway Time-out" : "502 Bad Gateway";
        String page = "<html>\r\n<head><title>" + reason + "</title></head>\r\n<body>\r\n<center><h1>" + reason
                + "</h1></center>\r\n<hr><center>yelb-ui</center>\r\n</body>\r\n</html>\r\n";
        HttpExchanges.send(exchange, status, Map.of("Content-Type", "text/html"),
                page.getBytes(StandardCharsets.UTF_8));
    }
}
