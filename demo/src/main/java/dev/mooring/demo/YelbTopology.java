package dev.mooring.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * The sample's "before" stack (sample-app.md §4: the 52 CloudFormation resources less what has no meaning on one
 * machine: VPC, subnets, gateways, security groups and IAM are names only), created and removed through the public
 * APIs, and its migration with the four {@code sc-update} files in the sample's order (§6.4, §9).
 */
final class YelbTopology {
    static final String CLUSTER = "yelb-cluster";
    static final String SC_NAMESPACE = "yelb.sc.internal";
    static final String DNS_NAMESPACE = "yelb.cloudmap.internal";
    static final String ZONE = "yelb.lb.internal";
    static final String APPSERVER_RECORD = "yelb-appserver." + ZONE;
    static final String PUBLIC_LB = "yelb-serviceconnect";
    static final String INTERNAL_LB = "serviceconnect-appserver";
    static final String LOG_GROUP = "ecs/serviceconnectdemo";
    static final String VPC = "vpc-yelb";
    static final List<String> PUBLIC_SUBNETS = List.of("subnet-public1", "subnet-public2");
    static final List<String> PRIVATE_SUBNETS = List.of("subnet-private1", "subnet-private2");

    /** The four services in the migration's order: servers first, the pure client last (§9). */
    enum Tier {
        DB("yelb-db", "yelb-db", "yelb-db", "public.ecr.aws/j7e2a1k3/yelb-sc-db:0.5", "yelb-db", 5432, null, 1, 0,
                "svc-db.json"),
        REDIS("yelb-redis", "redis-server", "redis-server", "public.ecr.aws/j7e2a1k3/redis-sc:4.0.2", "yelb-redis",
                6379, null, 1, 0, "svc-redis.json"),
        APPSERVER("yelb-appserver", "yelb-appserver", "yelb-appserver",
                "public.ecr.aws/j7e2a1k3/yelb-sc-appserver:latest", "yelb-appserver", 4567, ApplicationProtocol.HTTP, 3, 50,
                "svc-appserver.json"),
        UI("yelb-ui", "yelb-ui", "yelb-ui", "public.ecr.aws/j7e2a1k3/yelb-sc-ui:latest", "yelb-ui", 80,
                ApplicationProtocol.HTTP, 3, 50, "svc-ui.json");

        final String service;
        final String family;
        final String container;
        final String image;
        final String portName;
        final int port;
        final ApplicationProtocol appProtocol;
        final int desired;
        final int minimumHealthyPercent;
        final String scUpdateFile;

        Tier(String service, String family, String container, String image, String portName, int port,
             ApplicationProtocol appProtocol, int desired, int minimumHealthyPercent, String scUpdateFile) {
            this.service = service;
            this.family = family;
            this.container = container;
            this.image = image;
            this.portName = portName;
            this.port = port;
            this.appProtocol = appProtocol;
            this.desired = desired;
            this.minimumHealthyPercent = minimumHealthyPercent;
            this.scUpdateFile = scUpdateFile;
        }
    }

    /** What deploy made that later steps need. */
    record Deployed(String publicLbArn, String internalLbArn, String internalLbDimension, String publicTgArn,
                    String internalTgArn) {}

    private final AwsApis aws;
    private final Consumer<String> say;

    YelbTopology(AwsApis aws, Consumer<String> say) {
        this.aws = aws;
        this.say = say;
    }

    Deployed deploy() throws IOException, InterruptedException {
        String region = aws.region.id();
        // Cloud Map (§4.3)
        aws.cloudMap("CreateHttpNamespace", Map.of("Name", SC_NAMESPACE,
                "Description", "Service Connect Http Namespace for Yelb Application",
                "CreatorRequestId", UUID.randomUUID().toString()));
        aws.cloudMap("CreatePrivateDnsNamespace", Map.of("Name", DNS_NAMESPACE, "Vpc", VPC,
                "Description", "Service Discovery Namespace for Yelb Application",
                "CreatorRequestId", UUID.randomUUID().toString()));
        String dnsNamespaceId = namespaceId(DNS_NAMESPACE).orElseThrow(
                () -> new IOException("namespace " + DNS_NAMESPACE + " was created but is not listed"));
        Map<Tier, String> registries = new java.util.EnumMap<>(Tier.class);
        for (Tier tier : List.of(Tier.DB, Tier.REDIS)) {
            JsonNode service = aws.cloudMap("CreateService", Map.of("Name", tier.service,
                    "DnsConfig", Map.of("NamespaceId", dnsNamespaceId,
                            "DnsRecords", List.of(Map.of("Type", "A", "TTL", 10))),
                    "HealthCheckCustomConfig", Map.of("FailureThreshold", 1),
                    "CreatorRequestId", UUID.randomUUID().toString()));
            registries.put(tier, service.path("Service").path("Arn").asText());
        }
        say.accept("Cloud Map: " + SC_NAMESPACE + " (HTTP), " + DNS_NAMESPACE + " (DNS) with yelb-db and yelb-redis");

        // load balancers (§4.4)
        LoadBalancer publicLb = aws.elb.createLoadBalancer(b -> b.name(PUBLIC_LB)
                .scheme(LoadBalancerSchemeEnum.INTERNET_FACING).type(LoadBalancerTypeEnum.APPLICATION)
                .subnets(PUBLIC_SUBNETS)).loadBalancers().getFirst();
        LoadBalancer internalLb = aws.elb.createLoadBalancer(b -> b.name(INTERNAL_LB)
                .scheme(LoadBalancerSchemeEnum.INTERNAL).type(LoadBalancerTypeEnum.APPLICATION)
                .subnets(PRIVATE_SUBNETS)).loadBalancers().getFirst();
        String publicTg = aws.elb.createTargetGroup(b -> b.name(PUBLIC_LB).protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(VPC).targetType(TargetTypeEnum.IP)).targetGroups().getFirst().targetGroupArn();
        String internalTg = aws.elb.createTargetGroup(b -> b.name(INTERNAL_LB).protocol(ProtocolEnum.HTTP)
                .port(4567).vpcId(VPC).targetType(TargetTypeEnum.IP).healthCheckPath("/api/getvotes"))
                .targetGroups().getFirst().targetGroupArn();
        for (String tg : List.of(publicTg, internalTg)) {
            aws.elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(tg).attributes(
                    a -> a.key("deregistration_delay.timeout_seconds").value("20")));
        }
        aws.elb.createListener(b -> b.loadBalancerArn(publicLb.loadBalancerArn()).protocol(ProtocolEnum.HTTP)
                .port(80).defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(publicTg)));
        aws.elb.createListener(b -> b.loadBalancerArn(internalLb.loadBalancerArn()).protocol(ProtocolEnum.HTTP)
                .port(4567).defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(internalTg)));
        say.accept("ELBv2: " + PUBLIC_LB + " (internet-facing, :80) and " + INTERNAL_LB
                + " (internal, :4567, health check /api/getvotes)");

        // Route 53 private zone with the latency alias to the internal load balancer (§4.4)
        String zoneId = aws.route53.createHostedZone(b -> b.name(ZONE).callerReference(UUID.randomUUID().toString())
                .vpc(v -> v.vpcId(VPC).vpcRegion(VPCRegion.fromValue(region)))
                .hostedZoneConfig(c -> c.privateZone(true))).hostedZone().id();
        aws.route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(
                ch -> ch.action(ChangeAction.CREATE).resourceRecordSet(appserverRecord(internalLb, region)))));
        say.accept("Route 53: private zone " + ZONE + ", alias " + APPSERVER_RECORD + " -> " + INTERNAL_LB);

        // ECS (§4.5-§4.7)
        aws.ecs.createCluster(b -> b.clusterName(CLUSTER));
        for (Tier tier : Tier.values()) {
            aws.ecs.registerTaskDefinition(b -> b.family(tier.family).networkMode(NetworkMode.AWSVPC).cpu("256")
                    .memory("512").requiresCompatibilities(Compatibility.FARGATE)
                    .containerDefinitions(container(tier, region)));
        }
        for (Tier tier : Tier.values()) {
            String tg = tier == Tier.APPSERVER ? internalTg : tier == Tier.UI ? publicTg : null;
            aws.ecs.createService(b -> {
                b.cluster(CLUSTER).serviceName(tier.service).taskDefinition(tier.family).desiredCount(tier.desired)
                        .launchType(LaunchType.FARGATE).platformVersion("LATEST")
                        .propagateTags(PropagateTags.SERVICE).enableECSManagedTags(true).enableExecuteCommand(true)
                        .deploymentConfiguration(d -> d.maximumPercent(200)
                                .minimumHealthyPercent(tier.minimumHealthyPercent))
                        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.assignPublicIp(AssignPublicIp.ENABLED)
                                .subnets(PUBLIC_SUBNETS).securityGroups("sg-" + tier.service)));
                if (registries.containsKey(tier)) {
                    b.serviceRegistries(r -> r.registryArn(registries.get(tier)));
                }
                if (tg != null) {
                    b.loadBalancers(l -> l.targetGroupArn(tg).containerName(tier.container).containerPort(tier.port));
                }
                if (tier == Tier.UI) {
                    b.serviceConnectConfiguration(s -> s.enabled(false));
                }
            });
        }
        say.accept("ECS: cluster " + CLUSTER + ", services yelb-db (1), yelb-redis (1), yelb-appserver (3),"
                + " yelb-ui (3)");
        String dimension = internalLb.loadBalancerArn().substring(internalLb.loadBalancerArn().indexOf(":loadbalancer/")
                + ":loadbalancer/".length());
        return new Deployed(publicLb.loadBalancerArn(), internalLb.loadBalancerArn(), dimension, publicTg,
                internalTg);
    }

    private static ResourceRecordSet appserverRecord(LoadBalancer internalLb, String region) {
        return ResourceRecordSet.builder().name(APPSERVER_RECORD).type(RRType.A).setIdentifier(APPSERVER_RECORD)
                .region(region).aliasTarget(a -> a.dnsName(internalLb.dnsName())
                        .hostedZoneId(internalLb.canonicalHostedZoneId()).evaluateTargetHealth(false)).build();
    }

    private static ContainerDefinition container(Tier tier, String region) {
        List<KeyValuePair> env = switch (tier) {
            case APPSERVER -> List.of(kv("APP_PORT", "4567"), kv("YELB_DB_SERVER", "yelb-db." + DNS_NAMESPACE),
                    kv("YELB_DB_SERVER_PORT", "5432"), kv("YELB_REDIS_SERVER", "yelb-redis." + DNS_NAMESPACE),
                    kv("YELB_REDIS_SERVER_PORT", "6379"));
            case UI -> List.of(kv("APP_SERVER", APPSERVER_RECORD), kv("APP_SERVER_PORT", "4567"));
            default -> List.of();
        };
        PortMapping.Builder port = PortMapping.builder().name(tier.portName).containerPort(tier.port)
                .protocol(TransportProtocol.TCP);
        if (tier.appProtocol != null) {
            port.appProtocol(tier.appProtocol);
        }
        return ContainerDefinition.builder().name(tier.container).image(tier.image).cpu(100).essential(true)
                .portMappings(port.build()).environment(env)
                .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS).options(Map.of(
                        "awslogs-group", LOG_GROUP, "awslogs-region", region, "awslogs-stream-prefix", "yelb"))
                        .build()).build();
    }

    private static KeyValuePair kv(String name, String value) {
        return KeyValuePair.builder().name(name).value(value).build();
    }

    /** The sample's {@code sc-update/<file>} as shipped with samples/yelb, verbatim. */
    static String scUpdateFile(String file) throws IOException {
        try (InputStream in = YelbTopology.class.getResourceAsStream("/sc-update/" + file)) {
            if (in == null) {
                throw new IOException("sc-update/" + file + " is not on the class path (samples/yelb ships it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * One step of {@code use-service-connect.sh}: UpdateService with the file as serviceConnectConfiguration, after
     * the script's own edit (its sed puts the deployment's region in {@code awslogs-region}, §6.4).
     */
    void migrate(Tier tier) throws IOException, InterruptedException {
        String file = scUpdateFile(tier.scUpdateFile)
                .replaceAll("\"awslogs-region\": .*\"", "\"awslogs-region\": \"" + aws.region.id() + "\"");
        aws.ecsJson("UpdateService", "{\"cluster\":\"" + CLUSTER + "\",\"service\":\"" + tier.service
                + "\",\"serviceConnectConfiguration\":" + file + "}");
    }

    /** The Cloud Map services in a namespace, by name; empty when the namespace does not exist. */
    List<String> cloudMapServices(String namespace) throws IOException, InterruptedException {
        Optional<String> id = namespaceId(namespace);
        if (id.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (JsonNode s : aws.cloudMap("ListServices", Map.of("Filters", List.of(Map.of("Name", "NAMESPACE_ID",
                "Values", List.of(id.get()), "Condition", "EQ")))).path("Services")) {
            names.add(s.path("Name").asText());
        }
        return names.stream().sorted().toList();
    }

    private Optional<String> namespaceId(String name) throws IOException, InterruptedException {
        for (JsonNode n : aws.cloudMap("ListNamespaces", Map.of()).path("Namespaces")) {
            if (n.path("Name").asText().equals(name)) {
                return Optional.of(n.path("Id").asText());
            }
        }
        return Optional.empty();
    }

    /** Whether anything of the stack exists (so a new deploy must remove it first). */
    boolean exists() throws IOException, InterruptedException {
        return namespaceId(SC_NAMESPACE).isPresent() || namespaceId(DNS_NAMESPACE).isPresent()
                || aws.ecs.describeClusters(b -> b.clusters(CLUSTER)).clusters().stream()
                        .anyMatch(c -> c.status().equals("ACTIVE"))
                || !aws.elb.describeLoadBalancers().loadBalancers().stream()
                        .filter(lb -> lb.loadBalancerName().equals(PUBLIC_LB)
                                || lb.loadBalancerName().equals(INTERNAL_LB)).toList().isEmpty();
    }

    /**
     * Removes everything deploy made, in dependency order, whatever is left of it; returns what could not be
     * removed (empty when all is gone).
     */
    List<String> teardown(java.time.Duration wait) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        attempt(problems, "ECS services", () -> {
            for (Tier tier : Tier.values()) {
                var described = aws.ecs.describeServices(b -> b.cluster(CLUSTER).services(tier.service)).services();
                if (!described.isEmpty() && !described.getFirst().status().equals("INACTIVE")) {
                    aws.ecs.deleteService(b -> b.cluster(CLUSTER).service(tier.service).force(true));
                }
            }
        });
        // DeleteCluster wants every service INACTIVE: deleted services drain their tasks first
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                boolean drained = aws.ecs.describeServices(b -> b.cluster(CLUSTER).services(
                        java.util.Arrays.stream(Tier.values()).map(t -> t.service).toList())).services().stream()
                        .allMatch(s -> s.status().equals("INACTIVE"));
                if (drained && aws.ecs.listTasks(b -> b.cluster(CLUSTER)).taskArns().isEmpty()) {
                    break;
                }
            } catch (RuntimeException e) {
                break; // no cluster: nothing runs
            }
            Thread.sleep(500);
        }
        attempt(problems, "ECS cluster", () -> {
            if (aws.ecs.describeClusters(b -> b.clusters(CLUSTER)).clusters().stream()
                    .anyMatch(c -> c.status().equals("ACTIVE"))) {
                aws.ecs.deleteCluster(b -> b.cluster(CLUSTER));
            }
        });
        attempt(problems, "task definitions", () -> {
            for (Tier tier : Tier.values()) {
                for (String arn : aws.ecs.listTaskDefinitions(b -> b.familyPrefix(tier.family)).taskDefinitionArns()) {
                    aws.ecs.deregisterTaskDefinition(b -> b.taskDefinition(arn));
                }
            }
        });
        attempt(problems, "load balancers", () -> {
            for (LoadBalancer lb : aws.elb.describeLoadBalancers().loadBalancers()) {
                if (lb.loadBalancerName().equals(PUBLIC_LB) || lb.loadBalancerName().equals(INTERNAL_LB)) {
                    aws.elb.deleteLoadBalancer(b -> b.loadBalancerArn(lb.loadBalancerArn()));
                }
            }
            for (var tg : aws.elb.describeTargetGroups().targetGroups()) {
                if (tg.targetGroupName().equals(PUBLIC_LB) || tg.targetGroupName().equals(INTERNAL_LB)) {
                    aws.elb.deleteTargetGroup(b -> b.targetGroupArn(tg.targetGroupArn()));
                }
            }
        });
        attempt(problems, "Route 53 zone " + ZONE, () -> {
            for (HostedZone zone : aws.route53.listHostedZones().hostedZones()) {
                if (zone.name().equals(ZONE + ".") || zone.name().equals(ZONE)) {
                    for (ResourceRecordSet r : aws.route53.listResourceRecordSets(b -> b.hostedZoneId(zone.id()))
                            .resourceRecordSets()) {
                        if (r.type() != RRType.SOA && r.type() != RRType.NS) {
                            aws.route53.changeResourceRecordSets(b -> b.hostedZoneId(zone.id()).changeBatch(
                                    c -> c.changes(ch -> ch.action(ChangeAction.DELETE).resourceRecordSet(r))));
                        }
                    }
                    aws.route53.deleteHostedZone(b -> b.id(zone.id()));
                }
            }
        });
        for (String namespace : List.of(SC_NAMESPACE, DNS_NAMESPACE)) {
            attempt(problems, "Cloud Map namespace " + namespace, () -> {
                Optional<String> id = namespaceId(namespace);
                if (id.isEmpty()) {
                    return;
                }
                for (JsonNode s : aws.cloudMap("ListServices", Map.of("Filters", List.of(Map.of("Name",
                        "NAMESPACE_ID", "Values", List.of(id.get()), "Condition", "EQ")))).path("Services")) {
                    deleteCloudMapService(s.path("Id").asText(), deadline);
                }
                aws.cloudMap("DeleteNamespace", Map.of("Id", id.get()));
            });
        }
        return problems;
    }

    /** DeleteService is ResourceInUse while ECS still deregisters the last instances: try until the deadline. */
    private void deleteCloudMapService(String id, long deadline) throws IOException, InterruptedException {
        while (true) {
            try {
                aws.cloudMap("DeleteService", Map.of("Id", id));
                return;
            } catch (AwsApis.AwsError e) {
                if (!e.code.equals("ResourceInUse") || System.nanoTime() > deadline + 10_000_000_000L) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void attempt(List<String> problems, String what, Step step) throws InterruptedException {
        try {
            step.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            problems.add(what + ": " + e.getMessage());
        }
    }
}
