package dev.mooring.elb.dataplane;

import dev.mooring.elb.ElbTables;
import dev.mooring.elb.StoredListener;
import dev.mooring.elb.StoredLoadBalancer;
import dev.mooring.elb.StoredTargetGroup;
import dev.mooring.elb.shape.Action;
import dev.mooring.elb.shape.FixedResponseActionConfig;
import dev.mooring.elb.shape.RedirectActionConfig;
import dev.mooring.elb.shape.RedirectStatusCode;
import dev.mooring.elb.shape.RuleCondition;
import dev.mooring.elb.shape.TargetGroupTuple;
import dev.mooring.elb.shape.ValuesConfig;
import dev.mooring.elb.shape.LoadBalancerStateCode;
import dev.mooring.elb.shape.Scheme;
import dev.mooring.proxy.ClusterConfig;
import dev.mooring.proxy.DataPlane;
import dev.mooring.proxy.Direction;
import dev.mooring.proxy.Endpoint;
import dev.mooring.proxy.HostSet;
import dev.mooring.proxy.ListenerConfig;
import dev.mooring.proxy.LoadBalancerPolicy;
import dev.mooring.proxy.NetworkScope;
import dev.mooring.proxy.OutlierDetection;
import dev.mooring.proxy.Protocol;
import dev.mooring.proxy.Proxy;
import dev.mooring.proxy.ProxyConfig;
import dev.mooring.proxy.ProxyIdentity;
import dev.mooring.proxy.RetryPolicy;
import dev.mooring.proxy.Route;
import dev.mooring.proxy.RouteAction;
import dev.mooring.proxy.RouteMatch;
import dev.mooring.proxy.TimeoutPolicy;
import dev.mooring.store.Snapshot;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load balancers' data plane: every active load balancer is one proxy of the shared {@link DataPlane}, each of
 * its HTTP listeners a proxy listener on the load balancer's address (and, internet-facing, on a loopback port of the
 * configured range). Its rules, by priority, then its default action become the listener's route table (forward,
 * fixed response, redirect; path-pattern, host-header and method conditions); target groups are clusters with
 * ALB's policies: no retries, no outlier ejection, the load balancer's idle timeout as the time a target has to answer (504), 10 s to connect (504). Host sets are
 * the healthy targets, or every registered one when none is (ALB fails open); draining targets get no new requests.
 * The listeners show themselves as an ALB does ({@link ProxyIdentity#ALB}), not as Envoy.
 */
public final class AlbDataPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlbDataPlane.class);
    /** ALB answers a refused, reset or closed-early target with 502 Bad Gateway. */
    static final int ALB_FAILURE_STATUS = 502;
    /** ALB answers a target that did not accept the connection within the connect timeout with 504 Gateway Timeout. */
    static final int ALB_CONNECT_TIMEOUT_STATUS = 504;
    /** ALB's connect timeout. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** ALB ejects no target for failing requests, only health checks take it out: an ejection here lasts 0 s. */
    static final OutlierDetection NO_EJECTION = new OutlierDetection(1, Duration.ofSeconds(1), Duration.ZERO,
            Duration.ZERO);

    /** What the data plane needs to know of ELB's state at one moment. */
    public interface View {
        Snapshot snapshot();

        ElbTables tables();

        /** The targets of a group that may take new requests (healthy, or all when none is), as address:port. */
        List<InetSocketAddress> routable(Snapshot s, StoredTargetGroup group);

        int idleTimeoutSeconds(StoredLoadBalancer lb);

        String algorithm(StoredTargetGroup group);

        /** The group's healthy and unhealthy targets (HealthyHostCount, UnHealthyHostCount). */
        int[] hostCounts(Snapshot s, StoredTargetGroup group);
    }

    private record Running(ProxyConfig config, Proxy proxy) {}

    private final View view;
    private final DataPlane plane;
    private final LoopbackPorts ports;
    private final AlbMetrics metrics;
    private final Map<String, Running> running = new HashMap<>();
    /** The configuration each load balancer last failed to start with: warned about once, retried every pass. */
    private final Map<String, ProxyConfig> failed = new HashMap<>();

    public AlbDataPlane(View view, DataPlane plane, LoopbackPorts ports) {
        this(view, plane, ports, null);
    }

    /** {@code metrics}: where each pass sets the groups' host counts (null: nowhere). */
    public AlbDataPlane(View view, DataPlane plane, LoopbackPorts ports, AlbMetrics metrics) {
        this.view = view;
        this.plane = plane;
        this.ports = ports;
        this.metrics = metrics;
    }

    /** Starts, restarts or stops proxies so they match the load balancers, and pushes every host set. */
    public void reconcile() {
        Snapshot s = view.snapshot();
        ElbTables t = view.tables();
        Map<String, ProxyConfig> wanted = new LinkedHashMap<>();
        for (StoredLoadBalancer lb : s.all(t.loadBalancers())) {
            if (lb.loadBalancer().state().code() == LoadBalancerStateCode.ACTIVE) {
                ProxyConfig config = config(s, t, lb);
                if (!config.listeners().isEmpty()) {
                    wanted.put(lb.arn(), config);
                }
            }
        }
        failed.keySet().retainAll(wanted.keySet());
        for (String arn : List.copyOf(running.keySet())) {
            Running r = running.get(arn);
            if (!r.config().equals(wanted.get(arn))) {
                r.proxy().close();
                running.remove(arn);
            }
        }
        ports.keepOnly(wanted.values().stream().flatMap(c -> c.listeners().stream()).map(ListenerConfig::name)
                .toList());
        wanted.forEach((arn, config) -> {
            if (!running.containsKey(arn)) {
                try {
                    running.put(arn, new Running(config, plane.start(config, NetworkScope.HOST).join()));
                    failed.remove(arn);
                } catch (RuntimeException e) {
                    if (!config.equals(failed.put(arn, config))) {
                        LOG.warn("load balancer {} cannot listen (retrying every second): {}", arn, e.getMessage());
                    }
                }
            }
        });
        running.values().forEach(r -> r.config().clusters().forEach(c -> s.get(t.targetGroups(), c.name())
                .ifPresent(g -> r.proxy().updateHostSet(new HostSet(c.name(), view.routable(s, g).stream()
                        .map(a -> Endpoint.of(a.getHostString() + ":" + a.getPort(), a)).toList())))));
        if (metrics != null) {
            wanted.forEach((arn, config) -> config.clusters().forEach(c -> s.get(t.targetGroups(), c.name())
                    .ifPresent(g -> {
                        int[] hosts = view.hostCounts(s, g);
                        metrics.hosts(arn, c.name(), hosts[0], hosts[1]);
                    })));
        }
    }

    private ProxyConfig config(Snapshot s, ElbTables t, StoredLoadBalancer lb) {
        List<ListenerConfig> listeners = new ArrayList<>();
        Map<String, ClusterConfig> clusters = new LinkedHashMap<>();
        Duration idle = Duration.ofSeconds(view.idleTimeoutSeconds(lb));
        // the target's time to answer is the idle timeout (504); the connection's own idle timer is a second later
        TimeoutPolicy timeouts = new TimeoutPolicy(idle, idle.plusSeconds(1));
        for (StoredListener l : s.all(t.listeners())) {
            if (!l.listener().loadBalancerArn().equals(lb.arn())) {
                continue;
            }
            // the listener's rules by priority, then its default action as the route that takes the rest
            List<Route> routes = new ArrayList<>();
            s.all(t.rules()).stream().filter(r -> r.listenerArn().equals(l.arn()))
                    .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.rule().priority())))
                    .forEach(r -> route(s, t, r.rule().actions(), clusters).ifPresent(action ->
                            routes.add(new Route(match(r.rule().conditions()), action))));
            route(s, t, l.listener().defaultActions(), clusters).ifPresent(action ->
                    routes.add(new Route(RouteMatch.ANY, action)));
            if (routes.isEmpty()) {
                continue;
            }
            if (lb.address() != null) {
                listeners.add(new ListenerConfig(listenerName(l.arn()), Direction.INGRESS,
                        new InetSocketAddress(lb.address(), l.listener().port()), Protocol.HTTP, null, timeouts, null,
                        routes, ProxyIdentity.ALB));
            }
            if (lb.loadBalancer().scheme() == Scheme.INTERNET_FACING) {
                String name = loopbackName(l.arn());
                listeners.add(new ListenerConfig(name, Direction.INGRESS,
                        new InetSocketAddress("127.0.0.1", ports.portFor(name)), Protocol.HTTP, null, timeouts, null,
                        routes, ProxyIdentity.ALB));
            }
        }
        return new ProxyConfig(lb.arn(), listeners, List.copyOf(clusters.values()));
    }

    /**
     * What a rule's (or a default) action list does, as a route action: its last action (ALB runs them in order
     * and only the last may forward, answer or redirect). A forward to several target groups splits requests by weight;
     * empty when the action cannot be served (no target group with weight is left).
     */
    private Optional<RouteAction> route(Snapshot s, ElbTables t, List<Action> actions,
                                        Map<String, ClusterConfig> clusters) {
        if (actions == null || actions.isEmpty()) {
            return Optional.empty();
        }
        Action last = actions.stream().max(Comparator.comparingInt(a -> a.order() == null ? 0 : a.order()))
                .orElseThrow();
        return switch (last.type()) {
            case FORWARD -> {
                // a single target group, or ForwardConfig's groups split by weight (an absent weight counts as 1)
                List<TargetGroupTuple> groups = last.targetGroupArn() != null
                        ? List.of(new TargetGroupTuple(last.targetGroupArn(), 1))
                        : last.forwardConfig() == null || last.forwardConfig().targetGroups() == null ? List.of()
                        : last.forwardConfig().targetGroups();
                List<RouteAction.WeightedCluster> targets = new ArrayList<>();
                for (TargetGroupTuple g : groups) {
                    int weight = g.weight() == null ? 1 : g.weight();
                    var group = s.get(t.targetGroups(), g.targetGroupArn());
                    if (group.isPresent() && weight > 0) {
                        clusters.computeIfAbsent(g.targetGroupArn(), arn -> cluster(arn, view.algorithm(group.get())));
                        targets.add(new RouteAction.WeightedCluster(g.targetGroupArn(), weight));
                    }
                }
                yield switch (targets.size()) {
                    case 0 -> Optional.empty();
                    case 1 -> Optional.of(new RouteAction.Forward(targets.getFirst().cluster()));
                    default -> Optional.of(new RouteAction.WeightedForward(targets));
                };
            }
            case FIXED_RESPONSE -> {
                FixedResponseActionConfig f = last.fixedResponseConfig();
                yield Optional.of(new RouteAction.DirectResponse(Integer.parseInt(f.statusCode()), f.contentType(),
                        f.messageBody()));
            }
            case REDIRECT -> {
                RedirectActionConfig r = last.redirectConfig();
                yield Optional.of(new RouteAction.Redirect(r.statusCode() == RedirectStatusCode.HTTP_301 ? 301 : 302,
                        r.protocol(), r.host(), r.port(), r.path(), r.query()));
            }
            default -> Optional.empty();
        };
    }

    /** A rule's conditions as a route match: path-pattern, host-header and http-request-method. */
    private static RouteMatch match(List<RuleCondition> conditions) {
        List<String> hosts = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        for (RuleCondition c : conditions == null ? List.<RuleCondition>of() : conditions) {
            switch (c.field()) {
                case "host-header" -> hosts.addAll(values(c.values(), c.hostHeaderConfig()));
                case "path-pattern" -> paths.addAll(values(c.values(), c.pathPatternConfig()));
                case "http-request-method" -> methods.addAll(values(c.values(), c.httpRequestMethodConfig()));
                default -> { } // other fields are refused when the rule is created
            }
        }
        return new RouteMatch(hosts, paths, methods);
    }

    private static List<String> values(List<String> values, ValuesConfig config) {
        return config != null && config.values() != null ? config.values() : values == null ? List.of() : values;
    }

    private static ClusterConfig cluster(String name, String algorithm) {
        LoadBalancerPolicy policy = "least_outstanding_requests".equals(algorithm)
                ? LoadBalancerPolicy.LEAST_REQUEST : LoadBalancerPolicy.ROUND_ROBIN;
        return new ClusterConfig(name, Protocol.HTTP, policy, RetryPolicy.NONE, NO_EJECTION, CONNECT_TIMEOUT,
                NetworkScope.HOST, ALB_FAILURE_STATUS, ALB_CONNECT_TIMEOUT_STATUS);
    }

    /** Where an internet-facing listener answers on the host ({@code 127.0.0.1:<port>}), or null. */
    public String loopbackAddress(String listenerArn) {
        var port = ports.assigned(loopbackName(listenerArn));
        return port.isPresent() ? "127.0.0.1:" + port.getAsInt() : null;
    }

    private static String listenerName(String listenerArn) {
        return "listener-" + listenerArn.substring(listenerArn.lastIndexOf('/') + 1);
    }

    private static String loopbackName(String listenerArn) {
        return listenerName(listenerArn) + "-loopback";
    }

    @Override
    public void close() {
        running.values().forEach(r -> r.proxy().close());
        running.clear();
    }

    /** Loopback ports of a configured range, one per internet-facing listener, kept while it exists. */
    public static final class LoopbackPorts {
        private final int first;
        private final int last;
        private final Map<String, Integer> assigned = new HashMap<>();

        public LoopbackPorts(int first, int last) {
            this.first = first;
            this.last = last;
        }

        synchronized int portFor(String listener) {
            return assigned.computeIfAbsent(listener, n -> {
                for (int p = first; p <= last; p++) {
                    if (!assigned.containsValue(p)) {
                        return p;
                    }
                }
                throw new IllegalStateException("no free loopback port left in " + first + "-" + last);
            });
        }

        synchronized java.util.OptionalInt assigned(String listener) {
            Integer p = assigned.get(listener);
            return p == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(p);
        }

        synchronized void keepOnly(List<String> listeners) {
            assigned.keySet().retainAll(listeners);
        }
    }
}
