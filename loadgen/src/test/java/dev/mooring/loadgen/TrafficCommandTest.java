package dev.mooring.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class TrafficCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new TrafficCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void aTargetOutsideLoopbackAndTheTaskNetworkIsRefusedBeforeAnyConnection() {
        assertThat(run("-n", "1", "http://192.0.2.1/")).isEqualTo(2);
        assertThat(err.toString()).contains("mooring traffic: refusing to send traffic to 192.0.2.1 (192.0.2.1)")
                .contains("198.18.0.0/16");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badBoundsAreRefused() {
        assertThat(run("-n", "0", "http://127.0.0.1:9/")).isEqualTo(2);
        assertThat(run("-c", "5000", "http://127.0.0.1:9/")).isEqualTo(2);
        assertThat(run("-z", "2h", "http://127.0.0.1:9/")).isEqualTo(2);
        assertThat(run("https://127.0.0.1:9/")).isEqualTo(2);
        assertThat(err.toString()).contains("-n must be 1..", "-c must be 1..1000", "-z must be", "only http://");
    }

    @Test
    void theJsonFileHoldsEveryFigure(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("run.json");
        try (TestServer server = new TestServer()) {
            assertThat(run("-n", "50", "-c", "5", "-H", "X-Test: yes", "--json", json.toString(), server.url("/mix")))
                    .isEqualTo(0);
        }
        assertThat(out.toString()).contains("Summary:", "[200]\t40 responses", "[500]\t10 responses");
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.path("requests").asLong()).isEqualTo(50);
        assertThat(r.path("responses").asLong()).isEqualTo(50);
        assertThat(r.path("statusCodes").path("200").asLong()).isEqualTo(40);
        assertThat(r.path("statusCodes").path("500").asLong()).isEqualTo(10);
        assertThat(r.path("errorKinds").isEmpty()).isTrue();
        assertThat(r.path("percentiles")).hasSize(8);
        assertThat(r.path("histogram")).hasSize(11);
        long perSecond = 0;
        long fivexx = 0;
        for (JsonNode s : r.path("seconds")) {
            perSecond += s.path("requests").asLong();
            fivexx += s.path("status5xx").asLong();
            assertThat(s.has("p50Millis") && s.has("p99Millis") && s.has("errors")).isTrue();
        }
        assertThat(perSecond).isEqualTo(50);
        assertThat(fivexx).isEqualTo(10);
    }
}
