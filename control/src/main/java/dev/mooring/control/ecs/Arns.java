package dev.mooring.control.ecs;

import dev.mooring.core.operation.RequestContext;

/** ECS ARNs in the long format (spec §1.5). The region and account are the ARN's fourth and fifth fields. */
public final class Arns {
    private Arns() {}

    public static String prefix(String region, String accountId) {
        return "arn:aws:ecs:" + region + ":" + accountId + ":";
    }

    public static String prefix(RequestContext ctx) {
        return prefix(ctx.region(), ctx.accountId());
    }

    public static String cluster(RequestContext ctx, String name) {
        return prefix(ctx) + "cluster/" + name;
    }

    public static String clustersPrefix(RequestContext ctx) {
        return prefix(ctx) + "cluster/";
    }

    public static String service(String clusterArn, String serviceName) {
        return servicesPrefix(clusterArn) + serviceName;
    }

    public static String servicesPrefix(String clusterArn) {
        return clusterArn.replace(":cluster/", ":service/") + "/";
    }

    public static String task(String clusterArn, String taskId) {
        return tasksPrefix(clusterArn) + taskId;
    }

    public static String tasksPrefix(String clusterArn) {
        return clusterArn.replace(":cluster/", ":task/") + "/";
    }

    public static String container(String taskArn, String uuid) {
        return taskArn.replace(":task/", ":container/") + "/" + uuid;
    }

    public static String taskDefinition(RequestContext ctx, String family, int revision) {
        return taskDefinitionsPrefix(ctx) + family + ":" + revision;
    }

    public static String taskDefinitionsPrefix(RequestContext ctx) {
        return prefix(ctx) + "task-definition/";
    }

    /** The cluster ARN that a service or task ARN lives in. */
    public static String clusterOf(String serviceOrTaskArn) {
        String[] fields = serviceOrTaskArn.split(":", 6);
        return prefix(fields[3], fields[4]) + "cluster/" + fields[5].split("/")[1];
    }

    /** The last path segment: a cluster's or service's name, a task's id. */
    public static String lastSegment(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
