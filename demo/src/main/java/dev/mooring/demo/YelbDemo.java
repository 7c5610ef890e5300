package dev.mooring.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.demo.YelbTopology.Tier;
import dev.mooring.loadgen.AllowedTargets;
import dev.mooring.loadgen.LoadGenerator;
import dev.mooring.loadgen.TrafficPlan;
import dev.mooring.loadgen.TrafficReport;
import io.netty.handler.codec.http.HttpMethod;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The demo's steps against a running Mooring: deploy "before", wait stable, measure, migrate, wait stable,
 * measure. Each step is named so that a failure says where it happened.
 */
public final class YelbDemo {
    /** The steps, in order; a failure names one. */
    public enum Step {
        START_SERVER("start a Mooring server"), CLEAN_UP_PREVIOUS("remove a previous demo's stack"),
        DEPLOY("deploy the sample's \"before\" stack"), WAIT_STABLE("wait until every service is stable"),
        BEFORE_PHASE("traffic and chaos, before"), MIGRATE("migrate to Service Connect"),
        WAIT_MIGRATED("wait until the migration is stable"), AFTER_PHASE("traffic and chaos, after"),
        REPORT("write the report"), TEARDOWN("tear the stack down");

        final String description;

        Step(String description) {
            this.description = description;
        }
    }

    /** A step that failed, with why. */
    public static final class StepFailed extends Exception {
        public final Step step;

        StepFailed(Step step, Throwable cause) {
            super("step '" + step.description + "' failed: " + cause.getMessage(), cause);
            this.step = step;
        }
    }

    /** The demo's knobs (the command's options). */
    public record Options(Duration phase, int workers, Duration chaosInterval, Duration stableTimeout) {}

    private final AwsApis aws;
    private final YelbTopology topology;
    private final DemoMetrics metrics;
    private final TaskKiller killer;
    private final Options options;
    private final PrintStream out;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile LoadGenerator running;

    public YelbDemo(URI endpoint, Options options, DemoMetrics metrics, TaskKiller killer, PrintStream out) {
        this.aws = new AwsApis(endpoint, software.amazon.awssdk.regions.Region.US_EAST_1);
        this.topology = new YelbTopology(aws, line -> out.println("  " + line));
        this.metrics = metrics;
        this.killer = killer;
        this.options = options;
        this.out = out;
    }

    /** Whether a Mooring answers at the endpoint. */
    public boolean serverAnswers() {
        return aws.serverAnswers();
    }

    /** Stops a phase in progress (Ctrl-C): the traffic ends and its report still comes back. */
    public void stop() {
        stopping.set(true);
        LoadGenerator generator = running;
        if (generator != null) {
            generator.stop();
        }
    }

    public DemoResult run() throws StepFailed, InterruptedException {
        Instant t0 = Instant.now();
        step(Step.CLEAN_UP_PREVIOUS, () -> {
            if (topology.exists()) {
                out.println("A previous demo's stack is here; removing it first.");
                List<String> problems = topology.teardown(Duration.ofSeconds(60));
                if (!problems.isEmpty()) {
                    throw new IllegalStateException(String.join("; ", problems));
                }
            }
            return null;
        });
        out.println("1. Deploying the sample's \"before\" stack through the ECS, Cloud Map, ELBv2 and Route 53 APIs");
        YelbTopology.Deployed deployed = step(Step.DEPLOY, topology::deploy);
        out.println("2. Waiting until every service is stable");
        step(Step.WAIT_STABLE, () -> {
            waitStable(deployed, false);
            return null;
        });
        double coldStart = Duration.between(t0, Instant.now()).toMillis() / 1000.0;
        String uiUrl = step(Step.WAIT_STABLE, () -> uiUrl(deployed));
        out.printf("   all services stable after %.1f s. The UI: %s%n", coldStart, uiUrl);
        URI target = URI.create(uiUrl + "/api/getvotes"); // uiUrl ends in '/': the sample's double slash (§5)

        out.printf("3. Before: %d workers on %s for %d s, %s%n", options.workers, target, options.phase.toSeconds(),
                chaosText());
        PhaseResult before = step(Step.BEFORE_PHASE, () -> phase("before", target, deployed));
        summarize(before);

        out.println("4. Migrating with sc-update/svc-{db,redis,appserver,ui}.json (UpdateService, the sample's order)");
        step(Step.MIGRATE, () -> {
            for (Tier tier : Tier.values()) {
                out.println("   Updating " + tier.service + "...");
                topology.migrate(tier);
            }
            out.println("   Amazon ECS Service Connect migration complete!");
            return null;
        });
        step(Step.WAIT_MIGRATED, () -> {
            waitStable(deployed, true);
            return null;
        });
        // the figures are per-minute sums: the after phase starts in a later minute than the before phase ended, so
        // no minute holds requests of both
        Instant nextMinute = before.end().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        if (Instant.now().isBefore(nextMinute)) {
            out.printf("   (waiting %d s for the next minute, so that no per-minute figure mixes the phases)%n",
                    Duration.between(Instant.now(), nextMinute).toSeconds() + 1);
            while (Instant.now().isBefore(nextMinute) && !stopping.get()) {
                Thread.sleep(Math.min(1000, Math.max(1, Duration.between(Instant.now(), nextMinute).toMillis())));
            }
        }
        out.printf("5. After: the same traffic and chaos for %d s%n", options.phase.toSeconds());
        PhaseResult after = step(Step.AFTER_PHASE, () -> phase("after", target, deployed));
        summarize(after);
        return new DemoResult(coldStart, uiUrl, before, after, metrics.describe());
    }

    /** Removes the stack; returns what could not be removed. */
    public List<String> teardown() throws InterruptedException {
        return topology.teardown(Duration.ofSeconds(60));
    }

    private String chaosText() {
        return options.chaosInterval.isZero() ? "no chaos"
                : "an appserver task killed every " + options.chaosInterval.toSeconds() + " s";
    }

    private void summarize(PhaseResult phase) {
        phase.serviceEvents().stream().filter(e -> e.contains("unhealthy") || e.contains("stopped"))
                .forEach(e -> out.println("   ECS event " + e));
        out.printf("   %s: %d requests, %d failed (%s), p99 %s, %d tasks killed%n", phase.name(),
                phase.traffic().requests(), phase.failed(), BeforeAfterTable.kinds(phase.failuresByKind()),
                BeforeAfterTable.millis(phase.percentileMillis(99)), phase.kills().size());
    }

    private PhaseResult phase(String name, URI target, YelbTopology.Deployed deployed) throws Exception {
        if (stopping.get()) {
            throw new InterruptedException("stopped");
        }
        TrafficPlan plan = TrafficPlan.of(target, AllowedTargets.loopbackAnd(AllowedTargets.DEFAULT_TASK_CIDR),
                HttpMethod.GET, List.of(), null, options.workers, 0, options.phase, 0, Duration.ofSeconds(20), true);
        LoadGenerator generator = new LoadGenerator(plan);
        running = generator;
        List<PhaseResult.Kill> kills = new CopyOnWriteArrayList<>();
        Instant start = Instant.now();
        Thread chaos = options.chaosInterval.isZero() ? null
                : Thread.ofPlatform().daemon().name("demo-chaos").start(() -> chaosLoop(start, deployed.internalTgArn(), kills));
        TrafficReport report;
        try {
            report = generator.run(second -> out.printf("   %s +%3ds  %5d req/s  %4d failed%n", name,
                    second.second() + 1, second.requests(), second.errors() + second.status5xx()));
        } finally {
            running = null;
            if (chaos != null) {
                chaos.interrupt();
                chaos.join();
            }
        }
        Instant end = Instant.now();
        Map<String, String> appserver = Map.of("ClusterName", YelbTopology.CLUSTER, "ServiceName",
                Tier.APPSERVER.service, "DiscoveryName", Tier.APPSERVER.portName);
        Long internalRequests = value(metrics.sum(new DemoMetrics.MetricQuery("AWS/ApplicationELB", "RequestCount",
                Map.of("LoadBalancer", deployed.internalLbDimension())), start, end));
        String publicDimension = deployed.publicLbArn().substring(deployed.publicLbArn().indexOf(":loadbalancer/")
                + ":loadbalancer/".length());
        Long elb5xxPublic = value(metrics.sum(new DemoMetrics.MetricQuery("AWS/ApplicationELB",
                "HTTPCode_ELB_5XX_Count", Map.of("LoadBalancer", publicDimension)), start, end));
        Long elb5xxInternal = value(metrics.sum(new DemoMetrics.MetricQuery("AWS/ApplicationELB",
                "HTTPCode_ELB_5XX_Count", Map.of("LoadBalancer", deployed.internalLbDimension())), start, end));
        Long elb5xx = elb5xxPublic == null || elb5xxInternal == null ? null : elb5xxPublic + elb5xxInternal;
        Long scRequests = value(metrics.sum(new DemoMetrics.MetricQuery("AWS/ECS", "RequestCount", appserver),
                start, end));
        List<String> events = aws.ecs.describeServices(b -> b.cluster(YelbTopology.CLUSTER)
                        .services(Tier.APPSERVER.service, Tier.UI.service)).services().stream()
                .flatMap(s -> s.events().stream())
                .filter(e -> !e.createdAt().isBefore(start) && e.createdAt().isBefore(end))
                .sorted(java.util.Comparator.comparing(software.amazon.awssdk.services.ecs.model.ServiceEvent::createdAt))
                .map(e -> "+" + Duration.between(start, e.createdAt()).toSeconds() + "s " + e.message()).toList();
        return new PhaseResult(name, start, end, report, kills, internalRequests, elb5xx, scRequests,
                topology.cloudMapServices(YelbTopology.SC_NAMESPACE), events);
    }

    private static Long value(java.util.OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }

    /**
     * Kills one running appserver task every interval, until interrupted; bounded by the phase. A crash at a time:
     * an interval is skipped until the service has recovered from the last kill (its desired count running and
     * healthy in the internal target group, which health-checks the appserver in both phases), so both phases see
     * the same thing, one crashed task among healthy ones, never a service with no task left (which no discovery
     * mechanism could serve), and ECS's launch backoff does not snowball.
     */
    private void chaosLoop(Instant start, String internalTg, List<PhaseResult.Kill> kills) {
        Set<String> killed = new HashSet<>();
        try {
            while (true) {
                Thread.sleep(options.chaosInterval);
                Service appserver = aws.ecs.describeServices(b -> b.cluster(YelbTopology.CLUSTER)
                        .services(Tier.APPSERVER.service)).services().getFirst();
                long healthy = aws.elb.describeTargetHealth(b -> b.targetGroupArn(internalTg))
                        .targetHealthDescriptions().stream()
                        .filter(d -> d.targetHealth().stateAsString().equals("healthy")).count();
                if (appserver.runningCount() < appserver.desiredCount() || appserver.pendingCount() > 0
                        || healthy < appserver.desiredCount()) {
                    out.printf("   chaos +%.1fs: skipped, yelb-appserver is recovering (%d of %d running, %d"
                                    + " healthy)%n", Duration.between(start, Instant.now()).toMillis() / 1000.0,
                            appserver.runningCount(), appserver.desiredCount(), healthy);
                    continue;
                }
                List<String> arns = aws.ecs.listTasks(b -> b.cluster(YelbTopology.CLUSTER)
                        .serviceName(Tier.APPSERVER.service).desiredStatus(DesiredStatus.RUNNING)).taskArns();
                if (arns.isEmpty()) {
                    continue;
                }
                List<Task> runningTasks = aws.ecs.describeTasks(b -> b.cluster(YelbTopology.CLUSTER).tasks(arns))
                        .tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus()))
                        .filter(t -> !killed.contains(t.taskArn())).toList();
                if (runningTasks.isEmpty()) {
                    continue;
                }
                Task victim = runningTasks.get(ThreadLocalRandom.current().nextInt(runningTasks.size()));
                double at = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                String id = victim.taskArn().substring(victim.taskArn().lastIndexOf('/') + 1);
                try {
                    String what = killer.kill(YelbTopology.CLUSTER, victim.taskArn());
                    killed.add(victim.taskArn());
                    kills.add(new PhaseResult.Kill(at, id, what));
                    out.printf("   chaos +%.1fs: killed appserver task %s (%s)%n", at, id, what);
                } catch (Exception e) {
                    out.printf("   chaos +%.1fs: could not kill %s: %s%n", at, id, e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            // the phase is over
        } catch (RuntimeException e) {
            out.println("   chaos stopped: " + e.getMessage());
        }
    }

    /**
     * Stable as ECS means it, and as the sample needs it: one deployment per service, completed, running the
     * desired count, every load-balanced task healthy in its target group; after the migration, every deployment
     * also carries Service Connect.
     */
    private void waitStable(YelbTopology.Deployed deployed, boolean serviceConnect) throws Exception {
        long deadline = System.nanoTime() + options.stableTimeout.toNanos();
        String last = "";
        while (true) {
            if (stopping.get()) {
                throw new InterruptedException("stopped");
            }
            List<Service> services = aws.ecs.describeServices(b -> b.cluster(YelbTopology.CLUSTER)
                    .services(java.util.Arrays.stream(Tier.values()).map(t -> t.service).toList())).services();
            List<String> parts = new ArrayList<>();
            boolean stable = services.size() == Tier.values().length;
            for (Service s : services) {
                boolean done = s.deployments().size() == 1 && s.runningCount().equals(s.desiredCount())
                        && s.pendingCount() == 0
                        && (!serviceConnect || s.deployments().getFirst().serviceConnectConfiguration() != null
                        && Boolean.TRUE.equals(s.deployments().getFirst().serviceConnectConfiguration().enabled()));
                stable &= done;
                parts.add(s.serviceName() + " " + s.runningCount() + "/" + s.desiredCount()
                        + (s.deployments().size() > 1 ? " (deploying)" : ""));
            }
            for (var tg : List.of(Map.entry(deployed.internalTgArn(), Tier.APPSERVER),
                    Map.entry(deployed.publicTgArn(), Tier.UI))) {
                long healthy = aws.elb.describeTargetHealth(b -> b.targetGroupArn(tg.getKey()))
                        .targetHealthDescriptions().stream()
                        .filter(d -> d.targetHealth().stateAsString().equals("healthy")).count();
                stable &= healthy == tg.getValue().desired;
                parts.add(tg.getValue().service + " targets healthy " + healthy + "/" + tg.getValue().desired);
            }
            String line = String.join(", ", parts);
            if (!line.equals(last)) {
                out.println("   " + line);
                last = line;
            }
            if (stable) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not stable after " + options.stableTimeout.toSeconds() + " s: "
                        + line + stoppedReasons());
            }
            Thread.sleep(1000);
        }
    }

    /** Why the last stopped tasks stopped: the first thing to read when a service does not become stable. */
    private String stoppedReasons() {
        try {
            List<String> arns = aws.ecs.listTasks(b -> b.cluster(YelbTopology.CLUSTER)
                    .desiredStatus(DesiredStatus.STOPPED)).taskArns();
            if (arns.isEmpty()) {
                return "";
            }
            return "; stopped tasks: " + aws.ecs.describeTasks(b -> b.cluster(YelbTopology.CLUSTER)
                    .tasks(arns.subList(0, Math.min(5, arns.size())))).tasks().stream()
                    .map(t -> t.group() + ": " + t.stoppedReason()).distinct().toList();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private JsonNode loadBalancer(String name) throws Exception {
        for (JsonNode lb : aws.admin("/_mooring/lb").path("loadBalancers")) {
            if (lb.path("name").asText().equals(name)) {
                return lb;
            }
        }
        throw new IllegalStateException("load balancer " + name + " is not in GET /_mooring/lb");
    }

    /** The public load balancer's listener on this machine's loopback, as {@code mooring lb} shows it. */
    private String uiUrl(YelbTopology.Deployed deployed) throws Exception {
        for (JsonNode listener : loadBalancer(YelbTopology.PUBLIC_LB).path("listeners")) {
            if (listener.path("port").asInt() == 80 && !listener.path("loopback").isNull()
                    && !listener.path("loopback").asText().isEmpty()) {
                return "http://" + listener.path("loopback").asText() + "/";
            }
        }
        throw new IllegalStateException("the public load balancer's listener has no loopback address");
    }

    private interface Body<T> {
        T run() throws Exception;
    }

    private <T> T step(Step step, Body<T> body) throws StepFailed, InterruptedException {
        try {
            return body.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new StepFailed(step, e);
        }
    }

    public void close() {
        aws.close();
    }
}
