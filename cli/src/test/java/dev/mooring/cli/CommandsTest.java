package dev.mooring.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.runtime.logs.LogStream;
import dev.mooring.runtime.logs.LogStreams;
import dev.mooring.server.MooringServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `mooring status`, `mooring lb` and `mooring logs` as a user runs them, output included. */
class CommandsTest {
    @TempDir
    Path stateDir;

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void statusShowsWhereTheServerAnswersAndItsTasks() throws Exception {
        try (MooringServer server = MooringServer.builder().stateDir(stateDir).port(0)
                .runtime(MooringServer.RuntimeKind.SIMULATED).simulatedStep(Duration.ZERO).start()) {
            String url = server.endpointUrl();
            HttpClient http = HttpClient.newHttpClient();
            for (String[] call : new String[][] {{"CreateCluster", "{}"},
                    {"RegisterTaskDefinition", "{\"family\":\"job\",\"containerDefinitions\":[{\"name\":\"job\","
                            + "\"image\":\"mooring/exec\",\"command\":[\"sleep\",\"60\"]}]}"},
                    {"RunTask", "{\"taskDefinition\":\"job\"}"}}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/"))
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + call[0])
                        .POST(HttpRequest.BodyPublishers.ofString(call[1])).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Run status = run("status", "--endpoint-url", url);
                assertThat(status.exit()).isZero();
                assertThat(status.out()).contains("API          " + url).contains("runtime      simulated")
                        .contains("tasks        1 not stopped").contains("RUNNING").contains("default");
            });
            Run json = run("status", "--endpoint-url", url, "--json");
            assertThat(json.exit()).isZero();
            assertThat(json.out()).contains("\"apiUrl\"").contains("\"lastStatus\" : \"RUNNING\"");
        }
        Run down = run("status", "--endpoint-url", "http://127.0.0.1:1");
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.err()).contains("no server answers");
    }

    private static void query(HttpClient http, String url, String form) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Version=2015-12-01&" + form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void lbShowsLoadBalancersListenersTargetGroupsAndTargetHealth() throws Exception {
        try (MooringServer server = MooringServer.builder().stateDir(stateDir).port(0)
                .runtime(MooringServer.RuntimeKind.SIMULATED).simulatedStep(Duration.ZERO).start()) {
            String url = server.endpointUrl();
            assertThat(run("lb", "--endpoint-url", url).out()).contains("no load balancers");
            HttpClient http = HttpClient.newHttpClient();
            query(http, url, "Action=CreateLoadBalancer&Name=web&Scheme=internal");
            query(http, url, "Action=CreateTargetGroup&Name=web-tg&Protocol=HTTP&Port=1&VpcId=v&TargetType=ip"
                    + "&HealthCheckPath=/ping&HealthCheckIntervalSeconds=5&HealthCheckTimeoutSeconds=2");
            var lb = server.elb().tables().loadBalancers().all().getFirst().arn();
            var tg = server.elb().tables().targetGroups().all().getFirst().arn();
            query(http, url, "Action=CreateListener&LoadBalancerArn=" + lb + "&Protocol=HTTP&Port=4567"
                    + "&DefaultActions.member.1.Type=forward&DefaultActions.member.1.TargetGroupArn=" + tg);
            query(http, url, "Action=RegisterTargets&TargetGroupArn=" + tg + "&Targets.member.1.Id=127.0.0.1");

            // nothing listens on port 1, so two failed health checks in a row make the target unhealthy
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Run out = run("lb", "--endpoint-url", url);
                assertThat(out.exit()).isZero();
                assertThat(out.out()).contains("web (internal, active)").contains("internal-web-")
                        .contains("listener HTTP:4567 -> forward to web-tg")
                        .contains("target group web-tg (port 1; health check HTTP /ping every 5s")
                        .containsPattern("127\\.0\\.0\\.1:1 +unhealthy +Target\\.FailedHealthChecks");
            });
            assertThat(run("lb", "--endpoint-url", url, "--json").out()).contains("\"state\" : \"unhealthy\"");
        }
    }

    @Test
    void metricsAndLbPrintTheLoadBalancersCounts() throws Exception {
        int lbPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            lbPort = free.getLocalPort();
        }
        try (MooringServer server = MooringServer.builder().stateDir(stateDir).port(0)
                .runtime(MooringServer.RuntimeKind.SIMULATED).simulatedStep(Duration.ZERO)
                .lbLoopbackPorts(lbPort, lbPort).start()) {
            String url = server.endpointUrl();
            assertThat(run("metrics", "--endpoint-url", url).out()).isEqualTo("no datapoints in this window\n");
            HttpClient http = HttpClient.newHttpClient();
            query(http, url, "Action=CreateLoadBalancer&Name=edge");
            query(http, url, "Action=CreateTargetGroup&Name=edge-tg&Protocol=HTTP&Port=80&VpcId=v&TargetType=ip");
            var lb = server.elb().tables().loadBalancers().all().getFirst().arn();
            var tg = server.elb().tables().targetGroups().all().getFirst().arn();
            query(http, url, "Action=CreateListener&LoadBalancerArn=" + lb + "&Protocol=HTTP&Port=80"
                    + "&DefaultActions.member.1.Type=forward&DefaultActions.member.1.TargetGroupArn=" + tg);

            // no target registered: every answer is the load balancer's own 503
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lbPort + "/")).build();
            int[] answered = {0};
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                boolean is503 = http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode() == 503;
                answered[0] += is503 ? 1 : 0;
                return is503;
            });
            for (int i = 0; i < 2; i++) {
                assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
                answered[0]++;
            }
            int n = answered[0];
            String dimension = "LoadBalancer=app/edge/" + lb.substring(lb.lastIndexOf('/') + 1);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(run("metrics", "--endpoint-url", url,
                    "--namespace", "AWS/ApplicationELB", "--metric", "HTTPCode_ELB_503_Count").out())
                    .containsPattern("AWS/ApplicationELB +HTTPCode_ELB_503_Count +" + dimension + " +" + n + " +1 +1 +1 +"
                            + n + "\n"));
            Run table = run("metrics", "--endpoint-url", url, "--namespace", "AWS/ApplicationELB", "--since", "1h");
            assertThat(table.exit()).isZero();
            assertThat(table.out()).startsWith("NAMESPACE").contains("HTTPCode_ELB_5XX_Count")
                    .doesNotContain("RequestCount");   // no target was chosen for any of them
            assertThat(run("lb", "--endpoint-url", url).out()).contains("last 5 min: 0 requests, 0 target 5XX, " + n
                    + " ELB 5XX (502: 0, 503: " + n + ", 504: 0)");
            Run json = run("metrics", "--endpoint-url", url, "--json", "--metric", "HTTPCode_ELB_503_Count");
            var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
            assertThat(report.path("series").get(0).path("dimensions").path("LoadBalancer").asText())
                    .isEqualTo(dimension.substring("LoadBalancer=".length()));
            assertThat(report.path("series").get(0).path("total").path("sum").asInt()).isEqualTo(n);

            Run bad = run("metrics", "--endpoint-url", url, "--since", "soon");
            assertThat(bad.exit()).isEqualTo(1);
            assertThat(bad.err()).contains("since must be a duration");
        }
        assertThat(run("metrics", "--endpoint-url", "http://127.0.0.1:1").err()).contains("no server answers");
    }

    @Test
    void logsPrintsAContainersStreamByTaskIdOrArn() throws Exception {
        LogStreams streams = new LogStreams(stateDir);
        String taskId = "0123456789abcdef0123456789abcdef";
        LogStream web = streams.create(taskId, "web", "ecs/demo", "yelb");
        Files.writeString(web.file(), "listening on 8080\nGET / 200\n");
        LogStream sidecar = streams.create(taskId, "sidecar", "ecs/demo", "yelb");
        Files.writeString(sidecar.file(), "ready\n");
        assertThat(web.stream()).isEqualTo("yelb/web/" + taskId);

        Run one = run("logs", "--state-dir", stateDir.toString(), "--container", "web",
                "arn:aws:ecs:us-east-1:000000000000:task/default/" + taskId);
        assertThat(one.exit()).isZero();
        assertThat(one.out()).isEqualTo("listening on 8080\nGET / 200\n");

        Run all = run("logs", "--state-dir", stateDir.toString(), taskId);
        assertThat(all.out()).contains("web | GET / 200").contains("sidecar | ready");

        Run followTwo = run("logs", "--state-dir", stateDir.toString(), "--follow", taskId);
        assertThat(followTwo.exit()).isEqualTo(2);
        assertThat(followTwo.err()).contains("--container");

        Run unknown = run("logs", "--state-dir", stateDir.toString(), "--endpoint-url", "http://127.0.0.1:1",
                "ffffffffffffffffffffffffffffffff");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no logs");

        Run wrongContainer = run("logs", "--state-dir", stateDir.toString(), "--container", "db", taskId);
        assertThat(wrongContainer.exit()).isEqualTo(1);
        assertThat(wrongContainer.err()).isEqualTo("mooring: task " + taskId
                + " has no container 'db'; its containers: sidecar, web\n");
    }

    @Test
    void logsOfATaskThatNeverStartedSayWhyItStopped() throws Exception {
        // a step of a minute keeps the task in PROVISIONING until it is stopped: it never starts
        try (MooringServer server = MooringServer.builder().stateDir(stateDir).port(0)
                .runtime(MooringServer.RuntimeKind.SIMULATED).simulatedStep(Duration.ofMinutes(1)).start()) {
            String url = server.endpointUrl();
            HttpClient http = HttpClient.newHttpClient();
            ecs(http, url, "CreateCluster", "{\"clusterName\":\"jobs\"}");
            ecs(http, url, "RegisterTaskDefinition", "{\"family\":\"job\",\"containerDefinitions\":[{\"name\":"
                    + "\"job\",\"image\":\"mooring/exec\",\"memory\":64}]}");
            String arn = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ecs(http, url, "RunTask",
                    "{\"cluster\":\"jobs\",\"taskDefinition\":\"job\"}")).path("tasks").get(0).path("taskArn").asText();
            ecs(http, url, "StopTask", "{\"cluster\":\"jobs\",\"task\":\"" + arn + "\",\"reason\":\"no longer"
                    + " needed\"}");
            String taskId = arn.substring(arn.lastIndexOf('/') + 1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Run logs = run("logs", "--state-dir", stateDir.toString(), "--endpoint-url", url, taskId);
                assertThat(logs.exit()).isEqualTo(1);
                assertThat(logs.err()).startsWith("mooring: no logs for task " + taskId)
                        .containsPattern("; it is (DEPROVISIONING|STOPPED): no longer needed");
            });
        }
    }

    private static String ecs(HttpClient http, String url, String operation, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void badOptionsAreOneClearLine() throws Exception {
        Run scheme = run("status", "--endpoint-url", "localhost:4566");
        assertThat(scheme.exit()).isEqualTo(2);
        assertThat(scheme.err()).isEqualTo("mooring: --endpoint-url 'localhost:4566' needs a scheme and a host, such"
                + " as http://localhost:4566\n");
        assertThat(run("lb", "--endpoint-url", "localhost:4566").err()).contains("needs a scheme");
        assertThat(run("logs", "--endpoint-url", "localhost:4566", "abc").err()).contains("needs a scheme");

        Run range = run("server", "--runtime", "simulated", "--state-dir", stateDir.toString(), "--port", "70000");
        assertThat(range.exit()).isEqualTo(2);
        assertThat(range.err()).isEqualTo("mooring: --port 70000 is out of range: give 1-65535 (or 0 for any free"
                + " port)\n");

        Run cidr = run("server", "--runtime", "simulated", "--state-dir", stateDir.toString(), "--task-cidr",
                "198.18.0.0/33");
        assertThat(cidr.exit()).isEqualTo(2);
        assertThat(cidr.err()).startsWith("mooring: --task-cidr/--bridge: task CIDR '198.18.0.0/33'")
                .hasLineCount(1);

        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            Run inUse = run("server", "--runtime", "simulated", "--state-dir", stateDir.toString(), "--port",
                    Integer.toString(taken.getLocalPort()));
            assertThat(inUse.exit()).isEqualTo(1);
            assertThat(inUse.err()).isEqualTo("mooring: port " + taken.getLocalPort() + " on 127.0.0.1 is in use"
                    + " (another mooring server?); stop what holds it or give this one another --port\n");
        }
    }

    @Test
    void statusHonoursAwsEndpointUrl() throws Exception {
        try (MooringServer server = MooringServer.builder().stateDir(stateDir).port(0)
                .runtime(MooringServer.RuntimeKind.SIMULATED).simulatedStep(Duration.ZERO).start()) {
            String java = ProcessHandle.current().info().command().orElseThrow();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "status").redirectErrorStream(true);
            pb.environment().put("AWS_ENDPOINT_URL", server.endpointUrl());
            Process child = pb.start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor()).as(out).isZero();
            assertThat(out).contains("API          " + server.endpointUrl());
        }
    }
}
