package dev.mooring.loadgen;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mooring traffic}: hey's command line, bounded, and only towards loopback and the task network. */
@Command(name = "traffic", sortOptions = false,
        description = {"Send HTTP load to URL and report as hey does: summary, latency histogram and percentiles, "
                + "status codes and errors by kind.",
                "Only loopback and the task CIDR are allowed targets. Every run is bounded: -n requests or -z time.",
                "-q is a per-worker rate, as in hey: -c 10 -q 20 sends 200 requests/s. At a constant rate latency "
                        + "counts from each request's intended send time (coordinated omission corrected)."})
public final class TrafficCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", description = "http://host[:port]/path; host must resolve to loopback or the "
            + "task CIDR")
    String url;

    @Option(names = "-n", paramLabel = "N", description = "Requests to send in all (default 200; at most "
            + TrafficPlan.MAX_REQUESTS + "). Ignored with -z.")
    Long requests;

    @Option(names = "-c", paramLabel = "C", defaultValue = "50",
            description = "Workers, each with one keep-alive connection (default ${DEFAULT-VALUE}; at most "
                    + TrafficPlan.MAX_CONCURRENCY + ").")
    int concurrency;

    @Option(names = "-q", paramLabel = "QPS", defaultValue = "0",
            description = "Rate limit per worker in requests per second (default: none).")
    double rate;

    @Option(names = "-z", paramLabel = "DURATION",
            description = "Send for this long (30s, 2m, 1m30s; at most 1h), then stop; -n is ignored.")
    String duration;

    @Option(names = "-t", paramLabel = "SECONDS", defaultValue = "20",
            description = "Timeout of each request, connect included (default ${DEFAULT-VALUE}; 1..600).")
    int timeoutSeconds;

    @Option(names = "-m", paramLabel = "METHOD", defaultValue = "GET", description = "HTTP method (default GET).")
    String method;

    @Option(names = "-H", paramLabel = "HEADER", description = "A request header, \"Name: value\"; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = "-d", paramLabel = "BODY", description = "Request body.")
    String body;

    @Option(names = "-D", paramLabel = "FILE", description = "Request body from a file.")
    Path bodyFile;

    @Option(names = "-T", paramLabel = "TYPE", description = "Content-Type (default text/html when there is a body).")
    String contentType;

    @Option(names = "--disable-keepalive", description = "Close the connection after each request.")
    boolean disableKeepAlive;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure, with the per-second "
            + "series, as JSON to FILE.")
    Path json;

    @Option(names = "--task-cidr", paramLabel = "CIDR", defaultValue = "198.18.0.0/16",
            description = "Mooring's task network, the one allowed target besides loopback (default ${DEFAULT-VALUE}).")
    String taskCidr;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrafficPlan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException | IOException e) {
            err.println("mooring traffic: " + e.getMessage());
            err.flush();
            return 2;
        }
        LoadGenerator generator = new LoadGenerator(plan);
        CountDownLatch reported = new CountDownLatch(1);
        // Ctrl-C stops sending and still prints what was measured, as hey does
        Thread hook = new Thread(() -> {
            generator.stop();
            try {
                reported.await(plan.timeout().toSeconds() + 3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "traffic-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean terminal = System.console() != null && System.console().isTerminal();
        try {
            TrafficReport report = generator.run(s -> progress(err, s, terminal));
            if (terminal) {
                err.print("\r\033[K");
            }
            err.flush();
            out.print(report.text());
            out.flush();
            if (json != null) {
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(json.toFile(), report);
            }
            return 0;
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the report printed above
            }
        }
    }

    private TrafficPlan plan() throws IOException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        Duration z = duration == null ? Duration.ZERO : GoDuration.parse(duration);
        long n = requests == null ? 200 : requests;
        byte[] payload = bodyFile != null ? Files.readAllBytes(bodyFile)
                : body != null ? body.getBytes(java.nio.charset.StandardCharsets.UTF_8) : new byte[0];
        List<Map.Entry<String, String>> hs = new ArrayList<>();
        if (contentType != null || payload.length > 0) {
            hs.add(Map.entry("Content-Type", contentType == null ? "text/html" : contentType));
        }
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a header is \"Name: value\": " + h);
            }
            hs.add(Map.entry(h.substring(0, colon).trim(), h.substring(colon + 1).trim()));
        }
        AllowedTargets allowed = AllowedTargets.loopbackAnd(Cidr.parse(taskCidr));
        return TrafficPlan.of(uri, allowed, HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), hs, payload,
                concurrency, n, z, rate, Duration.ofSeconds(timeoutSeconds), !disableKeepAlive);
    }

    private static void progress(PrintWriter err, SecondStats s, boolean terminal) {
        String line = String.format(Locale.ROOT, "[%ds] %d requests/s, %d errors, %d 5xx, p50 %.2f ms, p99 %.2f ms",
                s.second(), s.requests(), s.errors(), s.status5xx(), s.p50Millis(), s.p99Millis());
        err.print(terminal ? "\r\033[K" + line : line + System.lineSeparator());
        err.flush();
    }
}
