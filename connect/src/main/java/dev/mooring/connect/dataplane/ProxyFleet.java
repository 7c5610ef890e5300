package dev.mooring.connect.dataplane;

import dev.mooring.connect.ServiceConnectAgent;
import dev.mooring.connect.endpoints.EndpointHost;
import dev.mooring.connect.endpoints.EndpointSnapshot;
import dev.mooring.connect.plan.ServiceConnectException;
import dev.mooring.connect.plan.TaskPlan;
import dev.mooring.proxy.DataPlane;
import dev.mooring.proxy.Endpoint;
import dev.mooring.proxy.HostSet;
import dev.mooring.proxy.NetworkScope;
import dev.mooring.proxy.Proxy;
import dev.mooring.proxy.ProxyConfig;
import dev.mooring.proxy.ProxyStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxy per running Service Connect task, fed from the agent's endpoint snapshots: a new snapshot replaces the
 * host set of every egress cluster whose hosts changed, in every proxy. Proxies start when their task's network is
 * ready (before its containers) and drain when its containers have exited.
 */
public final class ProxyFleet implements ServiceConnectAgent.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProxyFleet.class);
    /** How long a proxy may take to bind its listeners before the task fails to start. */
    static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

    private final DataPlane dataPlane;
    private final ServiceConnectObserver metrics;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile EndpointSnapshot latest = EndpointSnapshot.EMPTY;

    /** A task's proxies (one, plus one per growth of a live-endpoints plan) and what they were last given. */
    private static final class Running {
        final NetworkScope scope;
        final Consumer<String> accessLog;
        final List<Proxy> proxies = new ArrayList<>();
        final Map<String, List<Endpoint>> pushed = new HashMap<>();
        volatile TaskPlan plan;

        Running(TaskPlan plan, NetworkScope scope, Consumer<String> accessLog) {
            this.plan = plan;
            this.scope = scope;
            this.accessLog = accessLog;
        }
    }

    public ProxyFleet(DataPlane dataPlane) {
        this(dataPlane, null);
    }

    /** {@code metrics}: the observer {@code dataPlane} reports to, told each proxy's task labels; may be null. */
    public ProxyFleet(DataPlane dataPlane, ServiceConnectObserver metrics) {
        this.dataPlane = dataPlane;
        this.metrics = metrics;
    }

    /**
     * Starts the task's proxy with every listener bound inside {@code scope} and its host sets filled, and waits
     * for it.
     *
     * @throws ServiceConnectException when a listener cannot bind (a port already in use in the task, say)
     */
    public void start(TaskPlan plan, NetworkScope scope, Consumer<String> accessLog) {
        if (running.containsKey(plan.taskId())) {
            return;
        }
        Running r = new Running(plan, scope, accessLog);
        ProxyConfig config = ProxyConfigs.of(plan, scope, accessLog);
        attach(plan, config);
        Proxy proxy;
        try {
            proxy = await(dataPlane.start(config, scope), plan.taskId());
        } catch (RuntimeException e) {
            detach(config.name());
            throw e;
        }
        ProxyConfigs.localHostSets(plan).forEach(proxy::updateHostSet);
        synchronized (r) {
            r.proxies.add(proxy);
        }
        running.put(plan.taskId(), r);
        push(r, latest);
    }

    private void attach(TaskPlan plan, ProxyConfig config) {
        if (metrics != null) {
            metrics.attach(plan, config);
        }
    }

    private void detach(String proxyName) {
        if (metrics != null) {
            metrics.detach(proxyName);
        }
    }

    private static Proxy await(java.util.concurrent.CompletableFuture<Proxy> started, String taskId) {
        try {
            return started.get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ServiceConnectException("ServiceConnect proxy of task " + taskId + ": "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            started.thenAccept(Proxy::close);
            throw new ServiceConnectException("ServiceConnect proxy of task " + taskId + " did not bind its"
                    + " listeners within " + BIND_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceConnectException("interrupted while starting the proxy of task " + taskId);
        }
    }

    @Override
    public void snapshot(EndpointSnapshot snapshot) {
        latest = snapshot;
        running.values().forEach(r -> push(r, snapshot));
    }

    /** Live endpoint names: the new endpoints get listeners of their own in one more proxy of the task. */
    @Override
    public void planChanged(TaskPlan before, TaskPlan after) {
        Running r = running.get(after.taskId());
        if (r == null) {
            return;
        }
        List<TaskPlan.EgressListener> added = after.egress().stream().filter(e -> !before.egress().contains(e))
                .toList();
        TaskPlan delta = new TaskPlan(after.taskId(), after.proxyContainerName(), after.namespaceArn(),
                after.namespaceName(), List.of(), added, List.of(), List.of(), after.logging(), after.drainTimeout(),
                true, List.of(), after.clusterName(), after.serviceName());
        ProxyConfig config = ProxyConfigs.of(delta, r.scope, r.accessLog);
        ProxyConfig named = new ProxyConfig(config.name() + "#" + after.egress().size(), config.listeners(),
                config.clusters());
        attach(delta, named);
        dataPlane.start(named, r.scope).whenComplete((proxy, failure) -> {
            if (failure != null) {
                detach(named.name());
                log.warn("task {}: cannot add listeners for new endpoints: {}", after.taskId(), failure.getMessage());
                return;
            }
            synchronized (r) {
                r.proxies.add(proxy);
                r.plan = after;
            }
            push(r, latest);
        });
    }

    /** Replaces the host sets that changed since this task's proxies were last given one. */
    private void push(Running r, EndpointSnapshot snapshot) {
        synchronized (r) {
            for (Proxy proxy : r.proxies) {
                for (String cluster : proxy.config().clusters().stream().map(c -> c.name())
                        .filter(n -> !n.startsWith("local:")).toList()) {
                    List<Endpoint> hosts = endpoints(snapshot.hosts(r.plan.namespaceArn(), cluster));
                    List<Endpoint> before = r.pushed.get(proxy.name() + "|" + cluster);
                    if (!hosts.equals(before)) {
                        proxy.updateHostSet(new HostSet(cluster, hosts));
                        r.pushed.put(proxy.name() + "|" + cluster, hosts);
                        if (metrics != null && before != null) {
                            metrics.hostsLeft(r.plan, cluster, before.stream().map(Endpoint::id)
                                    .filter(id -> hosts.stream().noneMatch(h -> h.id().equals(id))).toList());
                        }
                    }
                }
            }
        }
    }

    static List<Endpoint> endpoints(List<EndpointHost> hosts) {
        return hosts.stream().map(h -> new Endpoint(h.taskId(), new InetSocketAddress(h.address(), h.port()),
                Map.of("service", h.serviceArn()))).toList();
    }

    /**
     * The task's containers have exited: its proxies stop accepting, let in-flight requests finish for up to the
     * plan's drain time, and close. Blocks the caller (the task's supervisor) until then.
     */
    public void drainAndClose(String taskId) {
        Running r = running.remove(taskId);
        if (r == null) {
            return;
        }
        List<Proxy> proxies;
        synchronized (r) {
            proxies = List.copyOf(r.proxies);
        }
        Duration drain = r.plan.drainTimeout();
        for (Proxy p : proxies) {
            try {
                p.drain(drain).get(drain.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.debug("task {}: drain ended early: {}", taskId, e.toString());
            } finally {
                p.close();
                detach(p.name());
            }
        }
    }

    /** What each running task's proxies are doing, for status. */
    public Map<String, List<ProxyStatus>> status() {
        Map<String, List<ProxyStatus>> out = new HashMap<>();
        running.forEach((id, r) -> {
            synchronized (r) {
                out.put(id, r.proxies.stream().map(Proxy::status).toList());
            }
        });
        return out;
    }

    @Override
    public void close() {
        running.keySet().forEach(id -> {
            Running r = running.remove(id);
            if (r != null) {
                synchronized (r) {
                    r.proxies.forEach(p -> {
                        p.close();
                        detach(p.name());
                    });
                }
            }
        });
    }
}
