package dev.mooring.control.ecs;

import dev.mooring.core.operation.ServiceException;

/** The ECS error codes of spec §1.4, each with a message that says what to fix. */
public final class Errors {
    private Errors() {}

    public static ServiceException invalid(String message) {
        return new ServiceException("InvalidParameterException", message);
    }

    public static ServiceException client(String message) {
        return new ServiceException("ClientException", message);
    }

    public static ServiceException clusterNotFound(String cluster) {
        // AWS's exact text, which tools match on (issue 10)
        return new ServiceException("ClusterNotFoundException", "Cluster not found.");
    }

    public static ServiceException serviceNotFound(String service) {
        return new ServiceException("ServiceNotFoundException", "Service not found: '" + service
                + "'. Check the name and the cluster it runs in.");
    }

    public static ServiceException serviceNotActive(String service) {
        return new ServiceException("ServiceNotActiveException", "Service '" + service
                + "' is not ACTIVE (it is being deleted or was deleted); create it again to use it.");
    }

    public static ServiceException namespaceNotFound(String namespace) {
        return new ServiceException("NamespaceNotFoundException", "Cloud Map namespace not found: '" + namespace
                + "'. Give the name or ARN of a namespace in this region.");
    }

    public static ServiceException taskDefinitionInactive(TaskDefinition td) {
        return client("TaskDefinition is inactive");
    }

    public static ServiceException required(String member) {
        return invalid("Missing required member '" + member + "'.");
    }
}
