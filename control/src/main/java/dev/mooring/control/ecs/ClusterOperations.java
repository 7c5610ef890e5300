package dev.mooring.control.ecs;

import dev.mooring.core.operation.ServiceException;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.control.Page;
import dev.mooring.control.cloudmap.Namespace;
import dev.mooring.store.Tx;
import dev.mooring.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CreateCluster, UpdateCluster, DeleteCluster, DescribeClusters, ListClusters. */
final class ClusterOperations {
    private static final Set<String> INCLUDE = Set.of("ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS",
            "TAGS");
    /** What the answers of UpdateCluster and DeleteCluster show besides the counts; CreateCluster's adds tags. */
    private static final Set<String> FULL = Set.of("ATTACHMENTS", "CONFIGURATIONS", "SETTINGS");
    private static final Set<String> CREATED = Set.of("ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "TAGS");
    private static final List<String> STATISTICS = List.of("runningEC2TasksCount", "runningFargateTasksCount",
            "pendingEC2TasksCount", "pendingFargateTasksCount", "activeEC2ServiceCount", "activeFargateServiceCount",
            "drainingEC2ServiceCount", "drainingFargateServiceCount");

    /** How long ListClusters still shows a deleted cluster. */
    static final Duration INACTIVE_LISTED_FOR = Duration.ofHours(1);

    private final EcsState ecs;

    ClusterOperations(EcsState ecs) {
        this.ecs = ecs;
    }

    Responses.ClusterResponse create(RequestContext ctx, Requests.CreateCluster in) {
        String name = in.clusterName() == null ? Resolver.DEFAULT_CLUSTER : in.clusterName();
        Validation.name(name, "clusterName");
        Validation.tags(in.tags(), "tags");
        if (in.serviceConnectDefaults() != null) {
            Validation.require(in.serviceConnectDefaults().namespace(), "serviceConnectDefaults.namespace");
        }
        String arn = Arns.cluster(ctx, name);
        Cluster cluster = ecs.store().write(tx -> {
            Cluster existing = tx.get(ecs.tables().clusters(), arn).orElse(null);
            if (existing != null && Cluster.ACTIVE.equals(existing.status())) {
                return existing; // AWS answers a repeated CreateCluster with the cluster it already has
            }
            Cluster.ServiceConnectDefaults defaults = in.serviceConnectDefaults() == null ? null
                    : resolveDefaults(tx, ctx, in.serviceConnectDefaults().namespace());
            // counts and statistics are computed when answering, never stored
            Cluster created = new Cluster(arn, name, in.configuration(), Cluster.ACTIVE, null, null, null, null,
                    null, null, in.settings(), in.capacityProviders() == null ? List.of()
                    : in.capacityProviders(), in.defaultCapacityProviderStrategy(), null, null, defaults, null);
            tx.put(ecs.tables().clusters(), created);
            tx.delete(ecs.tables().tags(), arn);
            ecs.putTags(tx, arn, in.tags());
            return created;
        });
        return new Responses.ClusterResponse(describe(cluster, CREATED));
    }

    /** Spec §4.2: an existing namespace by name or ARN is used; a new name makes an HTTP namespace. */
    private Cluster.ServiceConnectDefaults resolveDefaults(Tx tx, RequestContext ctx, String namespace) {
        Namespace ns = ecs.cloudMap().findNamespace(tx, ctx.region(), namespace).orElseGet(() -> {
            if (namespace.startsWith("arn:")) {
                throw Errors.namespaceNotFound(namespace);
            }
            if (namespace.length() > 1024 || namespace.matches(".*[<>\"/].*")) {
                throw Errors.invalid("serviceConnectDefaults.namespace '" + namespace + "' is not a valid namespace"
                        + " name: up to 1024 characters, none of < > \" /.");
            }
            return ecs.cloudMap().createHttpNamespace(tx, ctx.region(), ctx.accountId(), namespace,
                    ctx.receivedAt());
        });
        return new Cluster.ServiceConnectDefaults(ns.arn());
    }

    Responses.ClusterResponse update(RequestContext ctx, Requests.UpdateCluster in) {
        Validation.require(in.cluster(), "cluster");
        Cluster cluster = ecs.store().write(tx -> {
            Cluster c = ecs.resolver().activeCluster(tx, ctx, in.cluster());
            Cluster.ServiceConnectDefaults defaults = c.serviceConnectDefaults();
            if (in.serviceConnectDefaults() != null) {
                String ns = in.serviceConnectDefaults().namespace();
                if (ns == null) {
                    throw Errors.required("serviceConnectDefaults.namespace");
                }
                // an empty namespace removes the default; the namespace itself stays in Cloud Map (spec §4.2)
                defaults = ns.isEmpty() ? null : resolveDefaults(tx, ctx, ns);
            }
            Cluster updated = new Cluster(c.clusterArn(), c.clusterName(),
                    in.configuration() != null ? in.configuration() : c.configuration(), c.status(), null, null,
                    null, null, null, null, in.settings() != null ? in.settings() : c.settings(),
                    c.capacityProviders(), c.defaultCapacityProviderStrategy(), c.attachments(),
                    c.attachmentsStatus(), defaults, null);
            tx.put(ecs.tables().clusters(), updated);
            return updated;
        });
        return new Responses.ClusterResponse(describe(cluster, FULL));
    }

    Responses.ClusterResponse putCapacityProviders(RequestContext ctx, Requests.PutClusterCapacityProviders in) {
        Validation.require(in.cluster(), "cluster");
        List<String> providers = Validation.require(in.capacityProviders(), "capacityProviders");
        Validation.require(in.defaultCapacityProviderStrategy(), "defaultCapacityProviderStrategy");
        for (String p : providers) {
            CapacityProviders.requireBuiltIn(p);
        }
        CapacityProviders.validateStrategy(in.defaultCapacityProviderStrategy(), providers,
                "defaultCapacityProviderStrategy");
        Cluster cluster = ecs.store().write(tx -> {
            Cluster c = ecs.resolver().activeCluster(tx, ctx, in.cluster());
            Cluster updated = c.with(c.settings(), List.copyOf(providers), in.defaultCapacityProviderStrategy());
            tx.put(ecs.tables().clusters(), updated);
            return updated;
        });
        return new Responses.ClusterResponse(describe(cluster, FULL));
    }

    Responses.ClusterResponse updateSettings(RequestContext ctx, Requests.UpdateClusterSettings in) {
        Validation.require(in.cluster(), "cluster");
        Validation.require(in.settings(), "settings");
        for (var setting : in.settings()) {
            Validation.oneOf(Validation.require(setting.path("name").textValue(), "settings.name"),
                    Set.of("containerInsights"), "settings.name");
            Validation.oneOf(Validation.require(setting.path("value").textValue(), "settings.value"),
                    Set.of("enabled", "disabled", "enhanced"), "settings.value");
        }
        Cluster cluster = ecs.store().write(tx -> {
            Cluster c = ecs.resolver().activeCluster(tx, ctx, in.cluster());
            Cluster updated = c.with(in.settings(), c.capacityProviders(), c.defaultCapacityProviderStrategy());
            tx.put(ecs.tables().clusters(), updated);
            return updated;
        });
        return new Responses.ClusterResponse(describe(cluster, FULL));
    }

    Responses.ClusterResponse delete(RequestContext ctx, Requests.DeleteCluster in) {
        Validation.require(in.cluster(), "cluster");
        Cluster cluster = ecs.store().write(tx -> {
            Cluster c = ecs.resolver().activeCluster(tx, ctx, in.cluster());
            boolean hasServices = ecs.tables().services().withPrefix(Arns.servicesPrefix(c.clusterArn()))
                    .anyMatch(s -> !Service.INACTIVE.equals(s.service().status()));
            if (hasServices) {
                throw new ServiceException("ClusterContainsServicesException", "Cluster '"
                        + c.clusterName() + "' still has services. Delete them (DeleteService) first.");
            }
            boolean hasTasks = ecs.tables().tasks().withPrefix(Arns.tasksPrefix(c.clusterArn()))
                    .anyMatch(t -> !t.task().isStopped());
            if (hasTasks) {
                throw new ServiceException("ClusterContainsTasksException", "Cluster '"
                        + c.clusterName() + "' still has tasks that are not STOPPED. Stop them (StopTask) first.");
            }
            Cluster inactive = c.deleted(ctx.receivedAt());
            tx.put(ecs.tables().clusters(), inactive);
            return inactive;
        });
        return new Responses.ClusterResponse(describe(cluster, FULL));
    }

    Responses.DescribeClusters describeClusters(RequestContext ctx, Requests.DescribeClusters in) {
        List<String> refs = in.clusters() == null || in.clusters().isEmpty()
                ? List.of(Resolver.DEFAULT_CLUSTER) : in.clusters();
        Validation.maxItems(refs, 100, "clusters");
        Set<String> include = Validation.include(in.include(), INCLUDE);
        List<Cluster> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : refs) {
            String arn = ecs.resolver().clusterArn(ctx, ref);
            ecs.tables().clusters().get(arn).ifPresentOrElse(c -> found.add(describe(c, include)),
                    () -> failures.add(Failure.missing(arn)));
        }
        return new Responses.DescribeClusters(found, failures);
    }

    Responses.ListClusters list(RequestContext ctx, Requests.ListClusters in) {
        // AWS keeps a deleted cluster discoverable for a while; tools listing right after a delete see it INACTIVE
        Instant since = ctx.receivedAt().minus(INACTIVE_LISTED_FOR);
        Page<Cluster> page = Page.of(ecs.tables().clusters().withPrefix(Arns.clustersPrefix(ctx))
                        .filter(c -> Cluster.ACTIVE.equals(c.status())
                                || c.deletedAt() != null && c.deletedAt().isAfter(since)), Cluster::clusterArn,
                in.nextToken(),
                in.maxResults(), 100, 100, "InvalidParameterException");
        return new Responses.ListClusters(page.items().stream().map(Cluster::clusterArn).toList(),
                page.nextToken());
    }

    private Cluster describe(Cluster c, Set<String> include) {
        Map<String, Integer> statistics = new LinkedHashMap<>();
        for (String stat : STATISTICS) {
            statistics.put(stat, 0);
        }
        int running = 0;
        int pending = 0;
        for (StoredTask t : (Iterable<StoredTask>) ecs.tables().tasks()
                .withPrefix(Arns.tasksPrefix(c.clusterArn()))::iterator) {
            String state = switch (t.task().lastStatus()) {
                case RUNNING -> "running";
                case PENDING, PROVISIONING -> "pending";
                default -> null;
            };
            running += "running".equals(state) ? 1 : 0;
            pending += "pending".equals(state) ? 1 : 0;
            count(statistics, state, t.task().launchType(), "TasksCount");
        }
        int services = 0;
        for (StoredService s : (Iterable<StoredService>) ecs.tables().services()
                .withPrefix(Arns.servicesPrefix(c.clusterArn()))::iterator) {
            String state = switch (s.service().status()) {
                case Service.ACTIVE -> "active";
                case Service.DRAINING -> "draining";
                default -> null;
            };
            services += "active".equals(state) ? 1 : 0;
            count(statistics, state, s.service().launchType(), "ServiceCount");
        }
        List<KeyValuePair> stats = statistics.entrySet().stream()
                .map(e -> new KeyValuePair(e.getKey(), e.getValue().toString())).toList();
        return c.described(running, pending, services, include, stats,
                include.contains("TAGS") ? ecs.tagsOf(c.clusterArn()) : null);
    }

    /** Cluster statistics are per launch type: runningEC2TasksCount, activeFargateServiceCount and so on. */
    private static void count(Map<String, Integer> statistics, String state, String launchType, String what) {
        String type = switch (launchType == null ? "" : launchType) {
            case "EC2" -> "EC2";
            case "FARGATE" -> "Fargate";
            default -> null;
        };
        if (state != null && type != null) {
            statistics.merge(state + type + what, 1, Integer::sum);
        }
    }
}
