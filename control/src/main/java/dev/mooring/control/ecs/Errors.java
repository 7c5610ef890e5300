package dev.mooring.control.ecs;

import dev.mooring.api.AwsException;

/** The ECS error codes of spec §1.4, each with a message that says what to fix. */
public final class Errors {
    private Errors() {}

    public static AwsException invalid(String message) {
        return new AwsException("InvalidParameterException", message);
    }

    public static AwsException client(String message) {
        return new AwsException("ClientException", message);
    }

    public static AwsException clusterNotFound(String cluster) {
        return new AwsException("ClusterNotFoundException", "Cluster not found: '" + cluster
                + "'. Create it with CreateCluster, or name an ACTIVE cluster of this region.");
    }

    public static AwsException serviceNotFound(String service) {
        return new AwsException("ServiceNotFoundException", "Service not found: '" + service
                + "'. Check the name and the cluster it runs in.");
    }

    public static AwsException serviceNotActive(String service) {
        return new AwsException("ServiceNotActiveException", "Service '" + service
                + "' is not ACTIVE (it is being deleted or was deleted); create it again to use it.");
    }

    public static AwsException namespaceNotFound(String namespace) {
        return new AwsException("NamespaceNotFoundException", "Cloud Map namespace not found: '" + namespace
                + "'. Give the name or ARN of a namespace in this region.");
    }

    public static AwsException taskDefinitionInactive(TaskDefinition td) {
        return client("TaskDefinition is inactive: " + td.family() + ":" + td.revision() + " was deregistered."
                + " Register a new revision, or name an ACTIVE one.");
    }

    public static AwsException required(String member) {
        return invalid("Missing required member '" + member + "'.");
    }
}
