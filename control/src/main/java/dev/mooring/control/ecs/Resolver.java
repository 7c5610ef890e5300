package dev.mooring.control.ecs;

import dev.mooring.core.operation.RequestContext;
import dev.mooring.store.Table;
import dev.mooring.store.Tx;
import java.util.Comparator;
import java.util.Optional;

/**
 * Turns the names, ids and ARNs clients give into stored resources, the way ECS accepts them: a cluster by name or
 * ARN ("default" when omitted), a service by name or ARN, a task by id or ARN, a task definition as {@code family},
 * {@code family:revision} or ARN. An ARN of another region or account names nothing here.
 */
public final class Resolver {
    public static final String DEFAULT_CLUSTER = "default";

    private final EcsTables tables;

    public Resolver(EcsTables tables) {
        this.tables = tables;
    }

    public static <T> Optional<T> read(Tx tx, Table<T> table, String key) {
        return tx == null ? table.get(key) : tx.get(table, key);
    }

    /** The ARN a cluster reference means in this region, whether or not such a cluster exists. */
    public String clusterArn(RequestContext ctx, String ref) {
        if (ref == null || ref.isEmpty()) {
            return Arns.cluster(ctx, DEFAULT_CLUSTER);
        }
        return ref.startsWith("arn:") ? ref : Arns.cluster(ctx, ref);
    }

    public Cluster activeCluster(Tx tx, RequestContext ctx, String ref) {
        String arn = clusterArn(ctx, ref);
        return read(tx, tables.clusters(), arn).filter(c -> Cluster.ACTIVE.equals(c.status()))
                .orElseThrow(() -> Errors.clusterNotFound(ref == null ? DEFAULT_CLUSTER : ref));
    }

    public String serviceArn(String clusterArn, String ref) {
        return ref.startsWith("arn:") ? ref : Arns.service(clusterArn, ref);
    }

    public Optional<StoredService> service(Tx tx, String clusterArn, String ref) {
        String arn = serviceArn(clusterArn, ref);
        // a service ARN from the short (pre-2021) format has no cluster segment: match it by name within the cluster
        if (arn.startsWith("arn:") && arn.split("/").length == 2) {
            arn = Arns.service(clusterArn, Arns.lastSegment(arn));
        }
        return read(tx, tables.services(), arn).filter(s -> s.arn().startsWith(Arns.servicesPrefix(clusterArn)));
    }

    public String taskArn(String clusterArn, String ref) {
        return ref.startsWith("arn:") ? ref : Arns.task(clusterArn, ref);
    }

    public Optional<StoredTask> task(Tx tx, String clusterArn, String ref) {
        String arn = taskArn(clusterArn, ref);
        return read(tx, tables.tasks(), arn).filter(t -> t.arn().startsWith(Arns.tasksPrefix(clusterArn)));
    }

    /** A task definition by family (latest ACTIVE revision), family:revision or ARN. */
    public Optional<TaskDefinition> taskDefinition(RequestContext ctx, String ref) {
        String prefix = Arns.taskDefinitionsPrefix(ctx);
        if (ref.startsWith("arn:")) {
            return ref.startsWith(prefix) ? tables.taskDefinitions().get(ref) : Optional.empty();
        }
        if (ref.contains(":")) {
            return tables.taskDefinitions().get(prefix + ref);
        }
        return tables.taskDefinitions().withPrefix(prefix + ref + ":")
                .filter(td -> TaskDefinition.ACTIVE.equals(td.status()))
                .max(Comparator.comparingInt(TaskDefinition::revision));
    }

    public TaskDefinition requireTaskDefinition(RequestContext ctx, String ref, String member) {
        Validation.require(ref, member);
        return taskDefinition(ctx, ref).orElseThrow(() -> Errors.client("TaskDefinition not found."));
    }

    /** A task definition to start something new from: ECS refuses an INACTIVE (deregistered) revision for that. */
    public TaskDefinition requireActiveTaskDefinition(RequestContext ctx, String ref, String member) {
        TaskDefinition td = requireTaskDefinition(ctx, ref, member);
        if (!TaskDefinition.ACTIVE.equals(td.status())) {
            throw Errors.taskDefinitionInactive(td);
        }
        return td;
    }
}
