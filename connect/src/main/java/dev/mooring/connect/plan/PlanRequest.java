package dev.mooring.connect.plan;

import dev.mooring.control.ecs.ContainerDefinition.PortMapping;
import dev.mooring.control.ecs.ServiceConnectConfiguration;
import java.util.List;
import java.util.Map;

/**
 * Everything the planner needs about one task, already read from the control plane.
 *
 * @param configuration the serviceConnectConfiguration of the deployment that started the task
 * @param catalog       the namespace's endpoints as they are when the task starts
 * @param portMappings  every port mapping of the task definition, across its containers
 * @param serviceTags   the task's own ECS service's tags (drain time, live endpoints)
 */
public record PlanRequest(String taskId, String proxyContainerName, String clusterName, String serviceName,
                          ServiceConnectConfiguration configuration, NamespaceCatalog catalog,
                          List<PortMapping> portMappings, Map<String, String> serviceTags) {}
