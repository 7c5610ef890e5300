package dev.mooring.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo, short: 20 s phases with 20 workers and a kill every 5 s, on a server it starts itself (its own bridge and
 * /24), then the report opened in headless Chromium. Needs root, like every real-task test.
 */
class DemoEndToEndTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void chaosFailsRequestsBeforeServiceConnectAndNoneAfterAndTheInternalLoadBalancerFallsSilent() throws Exception {
        assertThat(run(List.of("id", "-u")).strip()).as("the demo runs real tasks: root needed").isEqualTo("0");
        assertThat(CHROMIUM).as("Debian's chromium (scripts/test-tools.sh installs it)").isExecutable();
        int octet = freeOctet();
        Path json = dir.resolve("demo.json");
        Path report = dir.resolve("demo.html");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = new CommandLine(new DemoCommand(new PrintStream(output, true, StandardCharsets.UTF_8))).execute(
                "--endpoint-url", "http://localhost:" + freePort(), "--state-dir", dir.resolve("state").toString(),
                "--bridge", "mdemo" + octet, "--task-cidr", "198.18." + octet + ".0/24",
                "--lb-ports", (20000 + octet * 10) + "-" + (20009 + octet * 10),
                "--phase-seconds", "20", "--workers", "20", "--chaos-interval", "5",
                "--exit", "--json", json.toString(), "--report", report.toString());
        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();

        JsonNode result = new ObjectMapper().readTree(json.toFile());
        JsonNode before = result.path("before");
        JsonNode after = result.path("after");
        assertThat(before.path("kills").size()).as(printed).isGreaterThan(0);
        assertThat(after.path("kills").size()).as(printed).isGreaterThan(0);
        // before: killed appserver tasks reach users through the internal load balancer
        long beforeFailed = before.path("traffic").path("errors").asLong() + non2xx(before);
        assertThat(beforeFailed).as(printed).isPositive();
        assertThat(before.path("internalLbRequests").asLong()).as(printed).isPositive();
        assertThat(before.path("scNamespaceServices").size()).isZero();
        // after: the same chaos reaches nobody, and the UI's traffic no longer goes through the internal LB
        assertThat(after.path("traffic").path("requests").asLong()).isPositive();
        assertThat(after.path("traffic").path("errors").asLong()).as(printed).isZero();
        assertThat(non2xx(after)).as(printed).isZero();
        assertThat(after.path("internalLbRequests").isNumber()).isTrue();
        assertThat(after.path("internalLbRequests").asLong()).as(printed).isZero();
        assertThat(after.path("scNamespaceServices")).extracting(JsonNode::asText)
                .containsExactly("yelb-appserver", "yelb-db", "yelb-redis");
        assertThat(printed).contains("Amazon ECS Service Connect migration complete!", "stack removed",
                "server stopped");

        // the report, as a browser renders it
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("chromium"), "--dump-dom", report.toUri().toString())
                .redirectError(dir.resolve("chromium.log").toFile()).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dom).contains("<table id=\"before-after\">", "data-figure=\"internal LB RequestCount\"");
        assertThat(dom.split("<svg class=\"chart\"", -1)).hasSize(7);
        assertThat(dom).contains("class=\"kill\"");
    }

    private static long non2xx(JsonNode phase) {
        long n = 0;
        for (var it = phase.path("traffic").path("statusCodes").fields(); it.hasNext(); ) {
            var e = it.next();
            int code = Integer.parseInt(e.getKey());
            n += code >= 200 && code < 300 ? 0 : e.getValue().asLong();
        }
        return n;
    }

    /** A /24 of 198.18.0.0/16 no interface on this machine uses (other servers and tests pick theirs). */
    private static int freeOctet() throws Exception {
        String addresses = run(List.of("ip", "-o", "-4", "addr", "show"));
        List<Integer> free = new ArrayList<>();
        for (int o = 100; o < 200; o++) {
            if (!addresses.contains("198.18." + o + ".")) {
                free.add(o);
            }
        }
        assertThat(free).as("a free /24 in 198.18.0.0/16").isNotEmpty();
        return free.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(free.size()));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
