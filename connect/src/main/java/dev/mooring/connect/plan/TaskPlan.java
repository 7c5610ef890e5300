package dev.mooring.connect.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one Service Connect task is wired (spec §4.3): its alias lines, its listeners, the netfilter rules that steer
 * traffic to them, where its proxy logs, and how long it drains. Fixed when the task starts; only the host sets
 * behind its egress clusters change while it runs (unless {@code liveEndpoints}).
 *
 * @param proxyContainerName the {@code ecs-service-connect-XXXXX} container DescribeTasks shows
 * @param warnings           extension tags Mooring could not read, and other things the user should know
 * @param clusterName        the task's cluster and ECS service: the ClusterName and ServiceName dimensions of its
 *                           proxy's metrics (spec §5.1)
 */
public record TaskPlan(String taskId, String proxyContainerName, String namespaceArn, String namespaceName,
                       List<HostEntry> hosts, List<EgressListener> egress, List<IngressListener> ingress,
                       List<Redirect> redirects, ProxyLogging logging, Duration drainTimeout, boolean liveEndpoints,
                       List<String> warnings, String clusterName, String serviceName) {

    public TaskPlan {
        hosts = List.copyOf(hosts);
        egress = List.copyOf(egress);
        ingress = List.copyOf(ingress);
        redirects = List.copyOf(redirects);
        warnings = List.copyOf(warnings);
    }

    /** An {@code /etc/hosts} line: the alias name resolves to its VIP inside the task only. */
    public record HostEntry(String hostname, String vip) {}

    /**
     * Client side: the task connects to {@code vip:port}; the proxy listens on {@code vip:listenerPort} (the same
     * port unless the task itself uses it, then a netfilter rule moves the traffic) and balances over the host set
     * of {@code cluster}, the target's discovery name.
     */
    public record EgressListener(String name, String dnsName, String vip, int port, int listenerPort, String cluster,
                                 AppProtocol protocol, Timeouts timeouts, TrafficPolicy policy) {
        public boolean remapped() {
            return port != listenerPort;
        }
    }

    /**
     * Server side, one per Service Connect service of the task: the proxy listens on {@code listenerPort} and
     * forwards to the app at 127.0.0.1:{@code containerPort}. Intercepted (the default): clients keep connecting to
     * the containerPort and netfilter redirects it to the listener. With ingressPortOverride the listener takes
     * that port and the app's port stays reachable directly. {@code ingressPort} is what the task's Cloud Map
     * instance carries and what client proxies connect to.
     */
    public record IngressListener(String name, String discoveryName, String portName, AppProtocol protocol,
                                  int containerPort, int listenerPort, boolean intercepted, Timeouts timeouts) {
        public int ingressPort() {
            return intercepted ? containerPort : listenerPort;
        }

        /** The cluster behind this listener: the app on loopback. */
        public String localCluster() {
            return "local:" + discoveryName;
        }
    }

    /** A netfilter NAT rule inside the task's network namespace. */
    public record Redirect(Kind kind, String destination, int port, int toPort) {
        public enum Kind {
            /** PREROUTING REDIRECT: inbound traffic to the app's port goes to the ingress listener. */
            INGRESS_INTERCEPT,
            /** OUTPUT DNAT: the task's own traffic to vip:port goes to the egress listener on another port. */
            EGRESS_REMAP
        }

        /** The arguments after {@code iptables} that append this rule. */
        public List<String> iptablesAppend() {
            return switch (kind) {
                case INGRESS_INTERCEPT -> List.of("-w", "-t", "nat", "-A", "PREROUTING", "-p", "tcp", "--dport",
                        Integer.toString(port), "-j", "REDIRECT", "--to-ports", Integer.toString(toPort));
                case EGRESS_REMAP -> List.of("-w", "-t", "nat", "-A", "OUTPUT", "-d", destination + "/32", "-p",
                        "tcp", "--dport", Integer.toString(port), "-j", "DNAT", "--to-destination",
                        destination + ":" + toPort);
            };
        }
    }

    /**
     * The proxy's own log and the access log (spec §5.2): awslogs group and stream prefix of the Service Connect
     * {@code logConfiguration}, or null when it has none; access logs only with both configurations.
     */
    public record ProxyLogging(String logGroup, String streamPrefix, AccessLogFormat accessLogFormat,
                               boolean includeQueryParameters) {
        public static final ProxyLogging NONE = new ProxyLogging(null, null, null, false);

        public enum AccessLogFormat { TEXT, JSON }
    }

    /** Discovery name → the port its Cloud Map instance carries for this task. */
    public Map<String, Integer> ingressPorts() {
        return ingress.stream().collect(Collectors.toUnmodifiableMap(IngressListener::discoveryName,
                IngressListener::ingressPort));
    }

    /** The egress clusters (target discovery names) this task's proxy balances over. */
    public List<String> egressClusters() {
        return egress.stream().map(EgressListener::cluster).distinct().sorted().toList();
    }
}
