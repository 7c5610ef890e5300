package dev.mooring.connect.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mooring.connect.plan.TaskPlan.EgressListener;
import dev.mooring.connect.plan.TaskPlan.HostEntry;
import dev.mooring.connect.plan.TaskPlan.IngressListener;
import dev.mooring.connect.plan.TaskPlan.ProxyLogging;
import dev.mooring.connect.plan.TaskPlan.Redirect;
import dev.mooring.control.ecs.ContainerDefinition.LogConfiguration;
import dev.mooring.control.ecs.ContainerDefinition.PortMapping;
import dev.mooring.control.ecs.ServiceConnectConfiguration;
import dev.mooring.control.ecs.ServiceConnectConfiguration.ServiceConnectService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Plans one Service Connect task (spec §4.3, §4.4): a pure function of the {@link PlanRequest} and the VIPs. Every
 * endpoint of the namespace becomes an alias line and an egress listener (client-only services get only these);
 * every Service Connect service of the task becomes an ingress listener. Ports the proxy picks for itself come from
 * {@link #FIRST_PROXY_PORT} up, skipping every port the task definition, the overrides and the aliases use.
 */
public final class TaskPlanner {
    /** Where the ports the proxy chooses for itself start (the ECS agent picks ephemeral ones). */
    public static final int FIRST_PROXY_PORT = 15_000;

    private TaskPlanner() {}

    /** @throws ServiceConnectException when the task cannot be wired as configured */
    public static TaskPlan plan(PlanRequest request, VipAllocator vips) {
        return plan(request, vips, null);
    }

    /**
     * The plan of a running task whose service opted into live endpoint names: what {@code previous} has, unchanged
     * (listeners keep their ports, names their VIPs), plus the endpoints created since. Endpoints that went away
     * stay, as their names do on AWS; they just have no hosts.
     */
    public static TaskPlan extend(TaskPlan previous, PlanRequest request, VipAllocator vips) {
        return plan(request, vips, previous);
    }

    private static TaskPlan plan(PlanRequest request, VipAllocator vips, TaskPlan previous) {
        ServiceConnectConfiguration config = Objects.requireNonNull(request.configuration(), "configuration");
        NamespaceCatalog catalog = request.catalog();
        ExtensionTags ownTags = new ExtensionTags(request.serviceTags());
        List<String> warnings = new ArrayList<>(catalog.warnings());

        Set<Integer> taken = new HashSet<>();
        request.portMappings().stream().map(PortMapping::containerPort).filter(Objects::nonNull).forEach(taken::add);
        for (ServiceConnectService s : config.servicesOrEmpty()) {
            if (s.ingressPortOverride() != null) {
                taken.add(s.ingressPortOverride());
            }
        }
        catalog.endpoints().forEach(e -> taken.add(e.port()));
        if (previous != null) {
            previous.egress().forEach(e -> {
                taken.add(e.port());
                taken.add(e.listenerPort());
            });
            previous.ingress().forEach(i -> taken.add(i.listenerPort()));
        }
        PortPicker picker = new PortPicker(taken);

        List<IngressListener> ingress = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        Set<Integer> listening = new HashSet<>();
        for (ServiceConnectService s : previous != null ? List.<ServiceConnectService>of()
                : config.servicesOrEmpty()) {
            PortMapping mapping = request.portMappings().stream().filter(p -> s.portName().equals(p.name()))
                    .findFirst().orElseThrow(() -> new ServiceConnectException("Service Connect service "
                            + s.effectiveDiscoveryName() + " names portName '" + s.portName() + "', which no"
                            + " portMapping of the task definition has"));
            if (mapping.containerPort() == null) {
                throw new ServiceConnectException("portMapping '" + s.portName() + "' has no containerPort");
            }
            AppProtocol protocol = AppProtocol.of(mapping.appProtocol());
            int containerPort = mapping.containerPort();
            boolean intercepted = s.ingressPortOverride() == null;
            int listenerPort = intercepted ? picker.next() : s.ingressPortOverride();
            if (!intercepted && request.portMappings().stream().anyMatch(p -> p.containerPort() != null
                    && p.containerPort() == listenerPort)) {
                throw new ServiceConnectException("ingressPortOverride " + listenerPort + " of Service Connect"
                        + " service " + s.effectiveDiscoveryName() + " is a containerPort of the task; the app and"
                        + " the proxy cannot both listen on it");
            }
            if (!listening.add(listenerPort)) {
                throw new ServiceConnectException("port " + listenerPort + " is already in use in the task by"
                        + " another Service Connect ingress listener");
            }
            ingress.add(new IngressListener("ingress:" + s.effectiveDiscoveryName(), s.effectiveDiscoveryName(),
                    s.portName(), protocol, containerPort, listenerPort, intercepted,
                    Timeouts.of(protocol, s.timeout())));
            if (intercepted) {
                redirects.add(new Redirect(Redirect.Kind.INGRESS_INTERCEPT, null, containerPort, listenerPort));
            }
        }

        if (previous != null) {
            ingress.addAll(previous.ingress());
            redirects.addAll(previous.redirects());
            previous.ingress().forEach(i -> listening.add(i.listenerPort()));
        }
        Map<String, String> hostLines = new LinkedHashMap<>();
        List<EgressListener> egress = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        if (previous != null) {
            previous.hosts().forEach(h -> hostLines.put(h.hostname(), h.vip()));
            previous.egress().forEach(e -> {
                egress.add(e);
                planned.add(e.dnsName() + ":" + e.port());
            });
        }
        Set<Integer> appPorts = new HashSet<>(listening);
        request.portMappings().stream().map(PortMapping::containerPort).filter(Objects::nonNull)
                .forEach(appPorts::add);
        for (NamespaceEndpoint e : catalog.endpoints()) {
            if (!planned.add(e.dnsName() + ":" + e.port())) {
                continue;
            }
            String vip = hostLines.computeIfAbsent(e.dnsName(), name -> vips.vip(catalog.namespaceArn(), name));
            // the app binds its ports on every address, so a listener on vip:port would take the app's port away
            int listenerPort = appPorts.contains(e.port()) ? picker.next() : e.port();
            egress.add(new EgressListener("egress:" + e.dnsName() + ":" + e.port(), e.dnsName(), vip, e.port(),
                    listenerPort, e.discoveryName(), e.protocol(), e.timeouts(), e.policy()));
            if (listenerPort != e.port()) {
                redirects.add(new Redirect(Redirect.Kind.EGRESS_REMAP, vip, e.port(), listenerPort));
            }
        }
        List<HostEntry> hosts = hostLines.entrySet().stream().map(h -> new HostEntry(h.getKey(), h.getValue()))
                .toList();

        ProxyLogging logging = logging(config, warnings);
        var drain = ownTags.drain(null);
        boolean live = ownTags.liveEndpoints();
        warnings.addAll(ownTags.warnings());
        return new TaskPlan(request.taskId(), request.proxyContainerName(), catalog.namespaceArn(),
                catalog.namespaceName(), hosts, egress, ingress, redirects, logging, drain, live, warnings,
                request.clusterName(), request.serviceName());
    }

    private static ProxyLogging logging(ServiceConnectConfiguration config, List<String> warnings) {
        LogConfiguration log = config.logConfiguration();
        ObjectNode access = config.accessLogConfiguration();
        boolean awslogs = log != null && "awslogs".equals(log.logDriver()) && log.options() != null;
        if (log != null && !awslogs) {
            warnings.add("Service Connect logConfiguration uses log driver '" + log.logDriver() + "'; Mooring keeps"
                    + " only awslogs streams, so the proxy's log is not kept");
        }
        ProxyLogging.AccessLogFormat format = null;
        boolean query = false;
        if (access != null) {
            if (!awslogs) {
                // spec §5.2: access logs need a logConfiguration too
                warnings.add("accessLogConfiguration is ignored: access logs need an awslogs logConfiguration");
            } else {
                JsonNode f = access.get("format");
                format = f != null && "JSON".equals(f.asText().toUpperCase(Locale.ROOT))
                        ? ProxyLogging.AccessLogFormat.JSON : ProxyLogging.AccessLogFormat.TEXT;
                JsonNode q = access.get("includeQueryParameters");
                query = q != null && "ENABLED".equals(q.asText());
            }
        }
        if (!awslogs) {
            return new ProxyLogging(null, null, null, false);
        }
        return new ProxyLogging(log.options().get("awslogs-group"), log.options().get("awslogs-stream-prefix"),
                format, query);
    }

    /** Ports the proxy may take for itself: free of everything the task already uses. */
    private static final class PortPicker {
        private final Set<Integer> taken;
        private int next = FIRST_PROXY_PORT;

        PortPicker(Set<Integer> taken) {
            this.taken = taken;
        }

        int next() {
            while (taken.contains(next)) {
                next++;
            }
            if (next > 65_535) {
                throw new ServiceConnectException("no free port left in the task for a Service Connect listener");
            }
            taken.add(next);
            return next++;
        }
    }
}
