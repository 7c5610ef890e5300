package dev.mooring.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interim {@link DemoMetrics} until the server's metrics endpoint is wired: it answers only the internal load
 * balancer's {@code RequestCount}, as a lower bound, by watching the host's TCP tables ({@code /proc/net/tcp} and
 * {@code tcp6}, read only) for connections to that load balancer's listener (its address in the task network, port
 * 4567) and counting each connection once, at its first sighting. The YELB UI opens one connection per request (nginx without upstream
 * keepalive), and a closed one lingers in TIME_WAIT on the listener's side, so a sample every 100 ms misses little.
 * Every other metric is empty ("n/a" in the table).
 */
public final class InterimMetrics implements DemoMetrics, AutoCloseable {
    private final InstantSource clock;
    private final Path procNet;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private volatile String listenerHex;
    private volatile String loadBalancerDimension;
    private final Thread sampler;

    /** @param procNet {@code /proc/net}: its {@code tcp} and {@code tcp6} tables are read */
    public InterimMetrics(InstantSource clock, Path procNet) {
        this.clock = clock;
        this.procNet = procNet;
        this.sampler = Thread.ofPlatform().daemon().name("demo-lb-connections").start(this::sampleLoop);
    }

    /** Starts watching the internal load balancer: its CloudWatch dimension value and its listener's address. */
    public void watch(String loadBalancerDimension, String address, int port) {
        this.loadBalancerDimension = loadBalancerDimension;
        this.listenerHex = hexAddress(address, port);
    }

    @Override
    public OptionalLong sum(MetricQuery query, Instant from, Instant to) {
        if (!"AWS/ApplicationELB".equals(query.namespace()) || !"RequestCount".equals(query.metricName())
                || loadBalancerDimension == null
                || !loadBalancerDimension.equals(query.dimensions().get("LoadBalancer"))) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(firstSeen.values().stream()
                .filter(t -> !t.isBefore(from) && t.isBefore(to)).count());
    }

    @Override
    public String describe() {
        return "interim: internal LB RequestCount = connections seen on its listener (lower bound); other"
                + " CloudWatch metrics need the metrics endpoint";
    }

    /** One sample: every connection whose local end is the listener, keyed by its remote end. */
    void sampleOnce() throws IOException {
        String listener = listenerHex;
        if (listener == null) {
            return;
        }
        Instant now = clock.instant();
        // Java and Netty sockets are dual-stack: an IPv4 peer shows in tcp6 as ::ffff:a.b.c.d
        String mapped = V4_MAPPED + listener;
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : Files.readAllLines(procNet.resolve(table))) {
                String[] f = line.strip().split("\\s+");
                // sl local_address rem_address st ...; state 0A is LISTEN
                if (f.length > 3 && (f[1].equals(listener) || f[1].equals(mapped)) && !f[3].equals("0A")) {
                    firstSeen.putIfAbsent(f[2], now);
                }
            }
        }
    }

    private void sampleLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                sampleOnce();
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                return; // no /proc: the figure stays empty
            }
        }
    }

    /** tcp6's prefix of a v4-mapped address: three 32-bit words in host (little-endian) order. */
    private static final String V4_MAPPED = "0000000000000000FFFF0000";

    /** {@code /proc/net/tcp}'s spelling of an IPv4 address and port: little-endian hex address, big-endian port. */
    static String hexAddress(String address, int port) {
        String[] o = address.split("\\.");
        int a = Integer.parseInt(o[0]) | Integer.parseInt(o[1]) << 8 | Integer.parseInt(o[2]) << 16
                | Integer.parseInt(o[3]) << 24;
        return String.format("%08X:%04X", a, port);
    }

    /** The remote ends seen so far; for tests. */
    List<String> connections() {
        return List.copyOf(firstSeen.keySet());
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
