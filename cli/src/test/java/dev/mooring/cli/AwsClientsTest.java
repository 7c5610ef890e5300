package dev.mooring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real clients, as users run them: the AWS CLI (with `aws ecs wait services-stable`) and boto3 (with
 * DiscoverInstances through data-localhost), each a script under src/test/resources/clients.
 */
class AwsClientsTest {
    @TempDir
    static Path stateDir;

    static MooringServer server;

    @BeforeAll
    static void start() throws Exception {
        // the server adds this line itself when it runs as root; here we are the server's embedder
        HostsFile.ensureDataLocalhost(Path.of("/etc/hosts"));
        assertThat(InetAddress.getByName(HostsFile.DATA_HOST).isLoopbackAddress())
                .as("data-localhost must resolve to loopback").isTrue();
        server = MooringServer.builder().stateDir(stateDir).port(0).runtime(MooringServer.RuntimeKind.SIMULATED)
                .simulatedStep(Duration.ofMillis(50)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void awsCliScriptPasses() throws Exception {
        assertThat(onPath("aws")).as("the AWS CLI (`aws`) must be on PATH").isTrue();
        Path script = Path.of("src/test/resources/clients/aws-cli.sh").toAbsolutePath();
        assertThat(run(List.of("bash", script.toString()))).contains("aws-cli.sh: all steps passed");
    }

    @Test
    void boto3ScriptPasses() throws Exception {
        assertThat(run(List.of("python3", "-c", "import boto3"))).as("boto3 must be importable").isNotNull();
        Path script = Path.of("src/test/resources/clients/boto3_smoke.py").toAbsolutePath();
        assertThat(run(List.of("python3", script.toString()))).contains("boto3_smoke.py: all steps passed");
    }

    private static boolean onPath(String tool) throws Exception {
        return new ProcessBuilder("bash", "-c", "command -v " + tool).start().waitFor() == 0;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("MOORING_URL", server.endpointUrl());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(done).as("script finished in time").isTrue();
        assertThat(p.exitValue()).as("exit status of " + command + "; output:\n" + text).isZero();
        return text;
    }
}
