package dev.mooring.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.Task;
import dev.mooring.core.json.Json;
import dev.mooring.runtime.ProcessRuntime;
import dev.mooring.runtime.net.NetworkConfig;
import dev.mooring.task.HealthStatus;
import dev.mooring.task.TaskStatus;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code mooring status} shows: where the API and DNS answer, the task network, and the tasks that are not
 * stopped. Served as JSON by {@code GET /_mooring/status}.
 */
public record ServerStatus(String apiUrl, String runtime, String stateFile, String dnsServer, String bridge,
                           String taskCidr, List<TaskLine> tasks) {

    /**
     * One task: enough to find it (ARN, service) and reach it (address), and the cpu and memory limits the runtime
     * applied to each container (cgroup v2 or v1, or why none), absent with the simulated runtime.
     */
    public record TaskLine(String taskArn, String cluster, String group, TaskStatus lastStatus,
                           HealthStatus healthStatus, String privateIpv4Address, Map<String, String> limits,
                           ServiceConnectLine serviceConnect) {}

    /**
     * A Service Connect task's wiring (issue 7): its alias names and their VIPs, its listeners as "where it listens
     * -> where it sends", the hosts its proxy balances over right now, and what Mooring could not honour.
     */
    public record ServiceConnectLine(String namespace, String proxyContainer, Map<String, String> aliases,
                                     List<String> listeners, Map<String, List<String>> hosts,
                                     List<String> warnings) {}

    static ServerStatus of(MooringServer server, NetworkConfig network) {
        InetSocketAddress dns = server.dnsAddress();
        List<TaskLine> tasks = server.control().ecs().tables().tasks().stream()
                .map(StoredTask::task)
                .filter(t -> !t.isStopped())
                .map(t -> new TaskLine(t.taskArn(), t.clusterArn().substring(t.clusterArn().indexOf('/') + 1),
                        t.group(), t.lastStatus(), t.healthStatus(), t.privateIpv4Address(),
                        limits(server, t.taskId()), serviceConnect(server, t.taskId())))
                .toList();
        return new ServerStatus(server.endpointUrl(), server.runtime().name(), server.stateFile().toString(),
                dns == null ? null : dns.getHostString() + ":" + dns.getPort(),
                network == null ? null : network.bridge(), network == null ? null : network.cidr(), tasks);
    }

    private static Map<String, String> limits(MooringServer server, String taskId) {
        return server.runtime() instanceof ProcessRuntime processes && !processes.appliedLimits(taskId).isEmpty()
                ? new TreeMap<>(processes.appliedLimits(taskId)) : null;
    }

    private static ServiceConnectLine serviceConnect(MooringServer server, String taskId) {
        return server.serviceConnect().plan(taskId).map(plan -> {
            Map<String, String> aliases = new TreeMap<>();
            plan.hosts().forEach(h -> aliases.put(h.hostname(), h.vip()));
            List<String> listeners = new java.util.ArrayList<>();
            plan.ingress().forEach(i -> listeners.add("ingress " + i.discoveryName() + " (" + i.protocol() + "): "
                    + "0.0.0.0:" + i.listenerPort() + " -> 127.0.0.1:" + i.containerPort()
                    + (i.intercepted() ? ", intercepting :" + i.containerPort() : "")));
            plan.egress().forEach(e -> listeners.add("egress " + e.dnsName() + ":" + e.port() + " (" + e.protocol()
                    + "): " + e.vip() + ":" + e.listenerPort() + " -> " + e.cluster()));
            Map<String, List<String>> hosts = new TreeMap<>();
            server.serviceConnect().proxies(taskId).forEach(p -> p.clusters().forEach(c -> hosts.put(c.name(),
                    c.hosts().stream().map(h -> h.endpoint().address().getHostString() + ":"
                            + h.endpoint().address().getPort()
                            + (h.ejectedUntil() != null ? " (ejected until " + h.ejectedUntil() + ")" : ""))
                            .toList())));
            return new ServiceConnectLine(plan.namespaceName(), plan.proxyContainerName(), aliases, listeners,
                    hosts, plan.warnings());
        }).orElse(null);
    }

    String toJson() {
        try {
            return Json.store().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
