package dev.mooring.loadgen;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JDK HTTP server on 127.0.0.1: {@code /mix} answers every fifth request 500 and the others 200 "ok";
 * {@code /hang} never answers (until the server closes); {@code /stall} holds its first request 300 ms.
 */
final class TestServer implements AutoCloseable {
    final HttpServer http;
    final AtomicLong mixRequests = new AtomicLong();
    final AtomicLong stallRequests = new AtomicLong();
    private final CountDownLatch closing = new CountDownLatch(1);

    TestServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/mix", ex -> {
            long n = mixRequests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            byte[] body = (n % 5 == 0 ? "fail" : "ok").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(n % 5 == 0 ? 500 : 200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        http.createContext("/hang", ex -> {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        http.createContext("/stall", ex -> {
            if (stallRequests.incrementAndGet() == 1) {
                try {
                    // the stall the coordinated-omission test measures: server behaviour, not a test waiting
                    closing.await(300, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        http.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    /** A port nothing listens on: bound, then closed. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A server that reads each request and answers with a TCP reset. */
    static final class Resetter implements AutoCloseable {
        final ServerSocket socket;
        private final Thread acceptor;

        Resetter() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        Thread.ofVirtual().start(() -> {
                            try (s) {
                                InputStream in = s.getInputStream();
                                in.read(new byte[4096]);
                                s.setSoLinger(true, 0);
                            } catch (IOException ignored) {
                                // the client went away first
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join();
        }
    }

    /** A server that answers one request per connection, keep-alive by its headers, then closes the connection. */
    static final class OneShot implements AutoCloseable {
        final ServerSocket socket;
        final AtomicLong answered = new AtomicLong();
        private final Thread acceptor;

        OneShot() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        InputStream in = s.getInputStream();
                        String head = "";
                        byte[] buf = new byte[4096];
                        int n;
                        while (!head.contains("\r\n\r\n") && (n = in.read(buf)) > 0) {
                            head += new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                        }
                        if (head.contains("\r\n\r\n")) {
                            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                                    .getBytes(StandardCharsets.ISO_8859_1));
                            answered.incrementAndGet();
                        }
                    } catch (IOException e) {
                        if (socket.isClosed()) {
                            return;
                        }
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        http.stop(0);
    }
}
