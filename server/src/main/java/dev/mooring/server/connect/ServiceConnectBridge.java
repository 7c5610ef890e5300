package dev.mooring.server.connect;

import dev.mooring.connect.ServiceConnectAgent;
import dev.mooring.connect.ServiceConnectController;
import dev.mooring.connect.dataplane.ProxyFleet;
import dev.mooring.connect.dataplane.ServiceConnectObserver;
import dev.mooring.metrics.ServiceConnectMetrics;
import dev.mooring.connect.plan.ServiceConnectException;
import dev.mooring.connect.plan.TaskPlan;
import dev.mooring.connect.plan.VipPool;
import dev.mooring.control.ControlPlane;
import dev.mooring.proxy.DataPlane;
import dev.mooring.proxy.NetworkScope;
import dev.mooring.proxy.ProxyStatus;
import dev.mooring.runtime.ProcessRuntime;
import dev.mooring.runtime.TaskNetworkHook;
import dev.mooring.runtime.logs.LogStream;
import dev.mooring.runtime.net.NamespaceThread;
import dev.mooring.runtime.net.Netfilter;
import dev.mooring.runtime.net.TaskSandbox;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service Connect, assembled: the agent and its controller in the control plane, and, with the process runtime,
 * each Service Connect task's network wired before its containers start: netfilter redirects, one namespace thread,
 * one proxy whose listeners live in the task's namespace. The proxy's log and access log go to the awslogs stream of
 * the Service Connect {@code logConfiguration}, under the {@code ecs-service-connect-XXXXX} container.
 */
public final class ServiceConnectBridge implements TaskNetworkHook, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceConnectBridge.class);

    private final ServiceConnectAgent agent;
    private final ServiceConnectController controller;
    private final ProcessRuntime processes;
    private final DataPlane dataPlane;
    private final ProxyFleet fleet;
    private final Map<String, Wired> wired = new ConcurrentHashMap<>();

    /** What one task's network holds for Service Connect. */
    private record Wired(NamespaceThread thread, LineSink log) {}

    /**
     * @param processes the process runtime, or null with the simulated one (plans and snapshots, no proxies)
     * @param metrics   where the proxies count (spec §5.1)
     */
    public ServiceConnectBridge(ControlPlane control, ProcessRuntime processes, ServiceConnectMetrics metrics) {
        this.agent = new ServiceConnectAgent(control.ecs().tables(), control.cloudMap(), new VipPool());
        this.controller = new ServiceConnectController(agent, control.ecs().tables());
        this.processes = processes;
        control.attach(controller);
        if (processes != null) {
            if (!Netfilter.available()) {
                log.warn("iptables is not installed: Service Connect tasks that intercept their container port (no"
                        + " ingressPortOverride) or whose own port is one of their aliases' will fail to start;"
                        + " install it (Debian/Ubuntu: apt-get install iptables)");
            }
            ServiceConnectObserver observer = new ServiceConnectObserver(metrics);
            this.dataPlane = DataPlane.create(observer);
            this.fleet = new ProxyFleet(dataPlane, observer);
            agent.addListener(fleet);
            agent.addListener(new ServiceConnectAgent.Listener() {
                @Override
                public void snapshot(dev.mooring.connect.endpoints.EndpointSnapshot snapshot) {}

                /** Live endpoint names: the task's /etc/hosts learns them beside its new listeners. */
                @Override
                public void planChanged(TaskPlan before, TaskPlan after) {
                    processes.addExtraHosts(after.taskId(), after.hosts().stream()
                            .filter(h -> !before.hosts().contains(h))
                            .map(h -> new dev.mooring.task.TaskLaunch.HostEntry(h.hostname(), h.vip())).toList());
                }
            });
            processes.attach(this);
        } else {
            this.dataPlane = null;
            this.fleet = null;
        }
    }

    /** The agent's controller: run it before ECS's, so host sets change before the task reconciler acts. */
    public ServiceConnectController controller() {
        return controller;
    }

    @Override
    public void networkReady(String taskId, TaskSandbox sandbox) {
        Optional<TaskPlan> plan = agent.plan(taskId);
        if (plan.isEmpty() || fleet == null) {
            return;
        }
        TaskPlan p = plan.get();
        if (!p.redirects().isEmpty()) {
            Netfilter.locate().append(sandbox.netnsName(), p.redirects().stream()
                    .map(TaskPlan.Redirect::iptablesAppend).toList());
        }
        NamespaceThread thread = NamespaceThread.start(sandbox.netnsPath());
        LineSink proxyLog = proxyLog(p);
        Wired w = new Wired(thread, proxyLog);
        wired.put(taskId, w);
        NetworkScope scope = new NetworkScope() {
            @Override
            public Executor executor() {
                return thread;
            }

            @Override
            public String description() {
                return "task " + taskId + "'s network namespace";
            }
        };
        try {
            fleet.start(p, scope, p.logging().accessLogFormat() == null ? null : proxyLog);
        } catch (ServiceConnectException e) {
            wired.remove(taskId);
            thread.close();
            if (proxyLog != null) {
                proxyLog.accept(Instant.now() + " " + e.getMessage());
                proxyLog.close();
            }
            throw e;
        }
        if (proxyLog != null) {
            proxyLog.accept(Instant.now() + " proxy started for task " + taskId + ": " + describe(p));
        }
    }

    private LineSink proxyLog(TaskPlan p) {
        if (p.logging().logGroup() == null) {
            return null;
        }
        try {
            LogStream stream = processes.logs().create(p.taskId(), p.proxyContainerName(), p.logging().logGroup(),
                    p.logging().streamPrefix());
            return new LineSink(stream.file());
        } catch (IOException e) {
            log.warn("task {}: no proxy log: {}", p.taskId(), e.getMessage());
            return null;
        }
    }

    static String describe(TaskPlan p) {
        StringBuilder s = new StringBuilder();
        p.egress().forEach(e -> s.append(" egress ").append(e.dnsName()).append(':').append(e.port()).append(" -> ")
                .append(e.vip()).append(':').append(e.listenerPort()).append(" (").append(e.protocol()).append(')'));
        p.ingress().forEach(i -> s.append(" ingress :").append(i.listenerPort()).append(" -> 127.0.0.1:")
                .append(i.containerPort()).append(i.intercepted() ? " (intercepts :" + i.containerPort() + ")" : ""));
        return s.toString().strip();
    }

    @Override
    public void networkClosing(String taskId) {
        if (fleet == null) {
            return;
        }
        fleet.drainAndClose(taskId);
        Wired w = wired.remove(taskId);
        if (w != null) {
            w.thread().close();
            if (w.log() != null) {
                w.log().accept(Instant.now() + " proxy drained and closed");
                w.log().close();
            }
        }
    }

    /** The task's plan and its proxies' state, for {@code mooring status}. */
    public Optional<TaskPlan> plan(String taskId) {
        return agent.plan(taskId);
    }

    public List<ProxyStatus> proxies(String taskId) {
        return fleet == null ? List.of() : fleet.status().getOrDefault(taskId, List.of());
    }

    @Override
    public void close() {
        if (fleet != null) {
            fleet.close();
        }
        wired.values().forEach(w -> {
            w.thread().close();
            if (w.log() != null) {
                w.log().close();
            }
        });
        if (dataPlane != null) {
            dataPlane.close();
        }
    }
}
