package dev.mooring.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.metrics.MetricRegistry;
import dev.mooring.server.MooringServer;
import dev.mooring.runtime.net.Host;
import dev.mooring.runtime.net.NetworkConfig;
import dev.mooring.runtime.logs.LogStream;
import dev.mooring.runtime.logs.LogStreams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * A whole Mooring with the process runtime, as {@code mooring server} runs it: tasks in network namespaces on a
 * bridge and /24 of this fixture's own (so it runs beside any other Mooring on the machine), DNS on the bridge
 * gateway port 53, the API on an ephemeral port. Tests talk to it only as users do: the AWS SDK's EcsClient, raw
 * Cloud Map JSON, dig against the gateway, and the log streams {@code mooring logs} reads.
 */
final class RealMooring implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    static final String LOG_GROUP = "/ecs/it";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path stateDir;
    final String bridge;
    final String cidr;
    private final MooringServer server;
    private final EcsClient ecs;
    private final HttpClient http = HttpClient.newHttpClient();

    private RealMooring(Path stateDir, String bridge, String cidr, MetricRegistry metrics)
            throws InterruptedException {
        this.stateDir = stateDir;
        this.bridge = bridge;
        this.cidr = cidr;
        this.server = MooringServer.builder().stateDir(stateDir).port(0).runtime(MooringServer.RuntimeKind.PROCESS)
                .bridge(bridge).taskCidr(cidr).dnsPort(53).metrics(metrics).start();
        this.ecs = ecsClient(URI.create(server.endpointUrl()));
    }

    /** A server on a fresh bridge and /24; fails (never skips) when the machine cannot run real tasks. */
    static RealMooring start(Path stateDir) throws InterruptedException {
        return start(stateDir, (MetricRegistry) null);
    }

    /** As {@link #start(Path)}, counting into {@code metrics} (one with a clock the test moves); null for a new one. */
    static RealMooring start(Path stateDir, MetricRegistry metrics) throws InterruptedException {
        requireRootAndTools();
        NetworkConfig net = Host.uniqueConfig(stateDir, "mit");
        return new RealMooring(stateDir, net.bridge(), net.cidr(), metrics);
    }

    /** A server on a given bridge and CIDR, e.g. where a killed server left its tasks. */
    static RealMooring start(Path stateDir, String bridge, String cidr) throws InterruptedException {
        return new RealMooring(stateDir, bridge, cidr, null);
    }

    static void requireRootAndTools() {
        assertThat(Host.run(List.of("id", "-u")).strip()).as("real tasks need root (CI runs as root)").isEqualTo("0");
        for (String tool : List.of(PYTHON, "/usr/bin/dig", "/usr/bin/psql", "/usr/bin/setpriv")) {
            assertThat(Path.of(tool)).as("%s is needed by these tests (./mooring test installs dig)", tool)
                    .isExecutable();
        }
    }

    static EcsClient ecsClient(URI endpoint) {
        return EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    EcsClient ecs() {
        return ecs;
    }

    /** The server itself, for what only it can show (its status, as {@code mooring status} prints it). */
    MooringServer server() {
        return server;
    }

    /** An ELBv2 client of this server, in us-east-1 like the ECS client. */
    ElasticLoadBalancingV2Client elb() {
        return ElasticLoadBalancingV2Client.builder().endpointOverride(URI.create(server.endpointUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A Route 53 client of this server. */
    Route53Client route53() {
        return Route53Client.builder().endpointOverride(URI.create(server.endpointUrl())).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The bridge's gateway address, where Mooring's DNS answers and every task's resolv.conf points. */
    String gateway() {
        return server.dnsAddress().getAddress().getHostAddress();
    }

    // ---- Cloud Map, as raw JSON (the SDK's servicediscovery module does not resolve here)

    JsonNode cloudMap(String operation, Map<String, ?> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.endpointUrl() + "/"))
                .header("X-Amz-Target", "Route53AutoNaming_v20170314." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/servicediscovery/"
                        + "aws4_request, SignedHeaders=host, Signature=abc")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.valueToTree(body).toString())).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
            assertThat(r.statusCode()).as("%s answered %s", operation, r.body()).isEqualTo(200);
            return json;
        } catch (IOException e) {
            throw new AssertionError(operation + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Creates a private DNS namespace and returns its id. */
    String privateNamespace(String name) {
        cloudMap("CreatePrivateDnsNamespace", Map.of("Name", name, "Vpc", "vpc-mooring"));
        JsonNode list = cloudMap("ListNamespaces", Map.of()).path("Namespaces");
        return StreamSupport.stream(list.spliterator(), false).filter(n -> n.path("Name").asText().equals(name))
                .map(n -> n.path("Id").asText()).findFirst()
                .orElseThrow(() -> new AssertionError("namespace " + name + " not listed: " + list));
    }

    /** A Cloud Map service with an A record of the given TTL and a custom health check, as ECS services use. */
    JsonNode discoveryService(String name, String namespaceId, int ttl) {
        return cloudMap("CreateService", Map.of("Name", name, "DnsConfig", Map.of("NamespaceId", namespaceId,
                        "RoutingPolicy", "MULTIVALUE", "DnsRecords", List.of(Map.of("Type", "A", "TTL", ttl))),
                "HealthCheckCustomConfig", Map.of("FailureThreshold", 1))).path("Service");
    }

    /** Instance id → attributes of a Cloud Map service. */
    Map<String, JsonNode> instances(String serviceId) {
        JsonNode list = cloudMap("ListInstances", Map.of("ServiceId", serviceId)).path("Instances");
        Map<String, JsonNode> byId = new TreeMap<>();
        list.forEach(i -> byId.put(i.path("Id").asText(), i.path("Attributes")));
        return byId;
    }

    // ---- DNS and logs, as a user on the host sees them

    /** The A records Mooring's DNS answers for a name, asked with dig at the gateway. */
    List<String> dig(String name) {
        String out = Host.run(List.of("dig", "@" + gateway(), "-p", "53", name, "A", "+short", "+time=2", "+tries=1"));
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }

    /** A container's log lines, read as {@code mooring logs TASK --container NAME} reads them. */
    List<String> logLines(String taskId, String container) {
        try {
            LogStreams logs = new LogStreams(stateDir);
            Optional<LogStream> stream = logs.find(taskId, container);
            if (stream.isEmpty()) {
                return List.of();
            }
            List<String> lines = new ArrayList<>();
            logs.read(stream.get(), lines::add);
            return lines;
        } catch (IOException e) {
            throw new AssertionError("cannot read the logs of " + taskId, e);
        }
    }

    // ---- ECS helpers

    /** A container of the catch-all image running the given argv, logging to awslogs group /ecs/it. */
    static ContainerDefinition.Builder exec(String name, String... command) {
        return container(name, "mooring/exec").command(command);
    }

    static ContainerDefinition.Builder container(String name, String image) {
        return ContainerDefinition.builder().name(name).image(image).essential(true).stopTimeout(2)
                .logConfiguration(LogConfiguration.builder().logDriver("awslogs")
                        .options(Map.of("awslogs-group", LOG_GROUP, "awslogs-region", "us-east-1",
                                "awslogs-stream-prefix", "it")).build());
    }

    static KeyValuePair env(String name, String value) {
        return KeyValuePair.builder().name(name).value(value).build();
    }

    TaskDefinition register(String family, ContainerDefinition... containers) {
        return ecs.registerTaskDefinition(b -> b.family(family).networkMode("awsvpc").cpu("256").memory("512")
                .requiresCompatibilities(Compatibility.FARGATE)
                .containerDefinitions(containers)).taskDefinition();
    }

    Task describe(String cluster, String taskArn) {
        return ecs.describeTasks(b -> b.cluster(cluster).tasks(taskArn)).tasks().getFirst();
    }

    /** The service's tasks that should run (ListTasks' default desiredStatus), as DescribeTasks shows them. */
    List<Task> serviceTasks(String cluster, String service) {
        List<String> arns = ecs.listTasks(b -> b.cluster(cluster).serviceName(service)).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(b -> b.cluster(cluster).tasks(arns)).tasks();
    }

    Task awaitTask(String cluster, String taskArn, Predicate<Task> condition, Duration atMost) {
        await().atMost(atMost).until(() -> condition.test(describe(cluster, taskArn)));
        return describe(cluster, taskArn);
    }

    /** Waits until the service has exactly {@code count} tasks that should run, all RUNNING, and returns them. */
    List<Task> awaitRunning(String cluster, String service, int count, Duration atMost) {
        await().atMost(atMost).until(() -> {
            List<Task> tasks = serviceTasks(cluster, service);
            return tasks.size() == count && tasks.stream().allMatch(t -> "RUNNING".equals(t.lastStatus()));
        });
        return serviceTasks(cluster, service);
    }

    static String address(Task t) {
        return t.containers().getFirst().networkInterfaces().getFirst().privateIpv4Address();
    }

    static String hostname(Task t) {
        return t.attachments().getFirst().details().stream().filter(d -> d.name().equals("privateDnsName"))
                .map(KeyValuePair::value).findFirst().orElseThrow();
    }

    static String taskId(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    /** The network namespace Mooring names after a task: {@code mooring-} and 12 hex digits of its id. */
    static String netns(String taskId) {
        return "mooring-" + taskId.substring(0, 12);
    }

    /** Host PIDs of the processes in a task's network namespace. */
    static List<Long> netnsPids(String netns) {
        return Host.run(List.of("ip", "netns", "pids", netns)).lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(Long::valueOf).toList();
    }

    static List<String> netnsNames() {
        return Host.run(List.of("ip", "netns", "list")).lines().map(l -> l.split("\\s+")[0]).toList();
    }

    static boolean linkExists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    /** Alive and not a zombie waiting for a parent to reap it. */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        ecs.close();
        server.close();
    }
}
