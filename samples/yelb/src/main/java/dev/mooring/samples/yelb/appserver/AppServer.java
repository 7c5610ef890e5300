package dev.mooring.samples.yelb.appserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mooring.samples.yelb.Drain;
import dev.mooring.samples.yelb.HttpExchanges;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * yelb-appserver on the JDK's HTTP server: each request on a virtual thread of its own (the JDBC and Redis calls
 * block), at most {@link AppServerConfig#maxConcurrentRequests()} of them in the backends at once.
 */
public final class AppServer implements AutoCloseable {
    private static final int BACKLOG = 1024;

    private final HttpServer server;
    private final Drain drain;

    private AppServer(HttpServer server, Drain drain) {
        this.server = server;
        this.drain = drain;
    }

    /** Listens on all addresses, as upstream's {@code -o 0.0.0.0}; serves until {@link #close()}. */
    public static AppServer start(AppServerConfig config) throws IOException {
        return start(config, new InetSocketAddress(config.port()));
    }

    public static AppServer start(AppServerConfig config, InetSocketAddress address) throws IOException {
        String hostname = hostname();
        YelbApi api = new YelbApi(hostname, new Votes(config.dbHost(), config.dbPort()),
                new PageViews(config.redisHost(), config.redisPort()),
                (method, path, cause) -> System.err.println(Instant.now() + " " + method + " " + path + " -> 500: "
                        + cause));
        Semaphore slots = new Semaphore(config.maxConcurrentRequests(), true);
        HttpServer server = HttpExchanges.listen(address, BACKLOG);
        Drain drain = new Drain();
        server.createContext("/", drain.counting(exchange -> serve(api, slots, exchange)));
        server.start();
        System.err.println("yelb-appserver " + hostname + " listening on :" + server.getAddress().getPort()
                + " (db " + config.dbHost() + ":" + config.dbPort() + ", redis " + config.redisHost() + ":"
                + config.redisPort() + ")");
        return new AppServer(server, drain);
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

    private static void serve(YelbApi api, Semaphore slots, HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream()); // no route reads a body
            ApiResponse response;
            slots.acquireUninterruptibly();
            try {
                response = api.handle(exchange.getRequestMethod(),
                        HttpExchanges.path(HttpExchanges.requestTarget(exchange)));
            } finally {
                slots.release();
            }
            HttpExchanges.send(exchange, response.status(), response.headers(), response.body());
        }
    }

    /** The kernel's (UTS namespace's) host name, what Ruby's Socket.gethostname returns. */
    private static String hostname() throws IOException {
        Path proc = Path.of("/proc/sys/kernel/hostname");
        if (Files.isReadable(proc)) {
            return Files.readAllLines(proc).getFirst().strip();
        }
        return InetAddress.getLocalHost().getHostName();
    }
}
