package dev.mooring.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.metrics.Dimensions;
import dev.mooring.metrics.StandardUnit;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real clients, as users run them: the AWS CLI v1 and v2 (with `aws ecs wait services-stable`) and boto3 (with
 * DiscoverInstances through data-localhost), and both again for ELBv2 and Route 53, each a script under
 * src/test/resources/clients.
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

    /** Each script starts from an empty server, as a test suite would with the admin reset. */
    @BeforeEach
    void reset() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.endpointUrl() + "/_mooring/reset")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void theResetAlsoForgetsTheMetricsRecordedSoFar() throws Exception {
        Dimensions d = Dimensions.of("DiscoveryName", "reset-probe");
        server.metrics().counter("AWS/ECS", "RequestCount", StandardUnit.COUNT, d).add(5);
        assertThat(server.metrics().sum("AWS/ECS", "RequestCount", d, Duration.ofMinutes(5))).isEqualTo(5);
        reset();
        assertThat(server.metrics().sum("AWS/ECS", "RequestCount", d, Duration.ofMinutes(5))).isZero();
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

    /** Debian's awscli package is CLI v2.9, the version the spec pins (botocore 1.29 models, spec §0). */
    @Test
    void awsCliV2ScriptPasses() throws Exception {
        Path v2 = Path.of("/usr/bin/aws");
        assertThat(v2).as("AWS CLI v2 from Debian's awscli package (./mooring test installs it)").isExecutable();
        assertThat(run(List.of(v2.toString(), "--version"), Map.of())).startsWith("aws-cli/2.");
        Path script = Path.of("src/test/resources/clients/aws-cli.sh").toAbsolutePath();
        assertThat(run(List.of("bash", script.toString()), Map.of("AWS_CLI", v2.toString())))
                .contains("aws-cli.sh: all steps passed");
    }

    @Test
    void boto3ScriptPasses() throws Exception {
        assertThat(run(List.of("python3", "-c", "import boto3"))).as("boto3 must be importable").isNotNull();
        Path script = Path.of("src/test/resources/clients/boto3_smoke.py").toAbsolutePath();
        assertThat(run(List.of("python3", script.toString()))).contains("boto3_smoke.py: all steps passed");
    }

    /** Issue 10: the operations IaC tools call, AWS's exact texts and Fargate's rules, through boto3. */
    @Test
    void fidelityWithBoto3() throws Exception {
        assertThat(run(List.of("python3", "-c", "import boto3"))).as("boto3 must be importable").isNotNull();
        Path script = Path.of("src/test/resources/clients/fidelity_boto3.py").toAbsolutePath();
        assertThat(run(List.of("python3", script.toString()))).contains("fidelity_boto3.py: all steps passed");
    }

    /** Issue 10 with the AWS CLI v1 (v2.9 predates these operations). */
    @Test
    void fidelityWithAwsCli() throws Exception {
        assertThat(onPath("aws")).as("the AWS CLI (`aws`) must be on PATH").isTrue();
        Path script = Path.of("src/test/resources/clients/fidelity-cli.sh").toAbsolutePath();
        assertThat(run(List.of("bash", script.toString()))).contains("fidelity-cli.sh: all steps passed");
    }

    /** ELBv2 (awsQuery) and Route 53 (restXml) with the CLI v2, waiters and XML errors included. */
    @Test
    void elbAndRoute53WithAwsCliV2() throws Exception {
        Path v2 = Path.of("/usr/bin/aws");
        assertThat(v2).as("AWS CLI v2 from Debian's awscli package (./mooring test installs it)").isExecutable();
        assertThat(onPath("curl")).as("curl must be on PATH").isTrue();
        Path script = Path.of("src/test/resources/clients/elb-cli.sh").toAbsolutePath();
        assertThat(run(List.of("bash", script.toString()), Map.of("AWS_CLI", v2.toString())))
                .contains("elb-cli.sh: all steps passed");
    }

    @Test
    void elbAndRoute53WithBoto3() throws Exception {
        assertThat(run(List.of("python3", "-c", "import boto3"))).as("boto3 must be importable").isNotNull();
        Path script = Path.of("src/test/resources/clients/elb_boto3.py").toAbsolutePath();
        assertThat(run(List.of("python3", script.toString()))).contains("elb_boto3.py: all steps passed");
    }

    private static boolean onPath(String tool) throws Exception {
        return new ProcessBuilder("bash", "-c", "command -v " + tool).start().waitFor() == 0;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("MOORING_URL", server.endpointUrl());
        pb.environment().putAll(env);
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
