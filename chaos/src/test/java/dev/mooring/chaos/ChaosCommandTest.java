package dev.mooring.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mooring.task.TaskSignal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command's bounds and its answers to bad input and to a server that is not there. */
class ChaosCommandTest {
    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ChaosCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void signalsAreNamedAsKillDoes() {
        assertThat(TaskSignal.parse("KILL")).isEqualTo(TaskSignal.KILL);
        assertThat(TaskSignal.parse("sigkill")).isEqualTo(TaskSignal.KILL);
        assertThat(TaskSignal.parse("9")).isEqualTo(TaskSignal.KILL);
        assertThat(TaskSignal.parse("SIGTERM")).isEqualTo(TaskSignal.TERM);
        assertThat(TaskSignal.parse("15")).isEqualTo(TaskSignal.TERM);
        assertThatThrownBy(() -> TaskSignal.parse("HUP")).hasMessageContaining("use KILL or TERM");
    }

    @Test
    void aPlanIsBoundedInCountAndTime() {
        URI endpoint = URI.create("http://localhost:4566");
        ChaosPlan plan = new ChaosPlan(endpoint, "us-east-1", "c", "s", Duration.ofSeconds(5), Duration.ofMinutes(2),
                TaskSignal.KILL);
        assertThat(plan.maxKills()).isEqualTo(24);
        assertThatThrownBy(() -> new ChaosPlan(endpoint, "us-east-1", "c", "s", Duration.ofMillis(500),
                Duration.ofMinutes(1), TaskSignal.KILL)).hasMessageContaining("at least 1s");
        assertThatThrownBy(() -> new ChaosPlan(endpoint, "us-east-1", "c", "s", Duration.ofSeconds(5),
                Duration.ofHours(2), TaskSignal.KILL)).hasMessageContaining("60m");
        assertThatThrownBy(() -> new ChaosPlan(endpoint, "us-east-1", "c", "", Duration.ofSeconds(5),
                Duration.ofMinutes(1), TaskSignal.KILL)).hasMessageContaining("service");
    }

    @Test
    void badInputExitsTwoAndAMissingServerOneSayingWhy() {
        Run bad = run("--service", "web", "--interval", "5 seconds");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("not a duration");
        assertThat(run("--service", "web", "--signal", "HUP").err()).contains("use KILL or TERM");

        Run down = run("--service", "web", "--interval", "1s", "--duration", "1s", "--endpoint-url",
                "http://127.0.0.1:1");
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.out()).contains("SIGKILL to one RUNNING task every 1s for 1s (at most 1)");
        assertThat(down.err()).contains("no server answers at http://127.0.0.1:1");
    }
}
