package dev.mooring.control.ecs;

import dev.mooring.core.operation.RequestContext;
import dev.mooring.control.cloudmap.CloudMapService;
import dev.mooring.control.cloudmap.Namespace;
import dev.mooring.control.ecs.ServiceConnectConfiguration.ClientAlias;
import dev.mooring.control.ecs.ServiceConnectConfiguration.Resource;
import dev.mooring.control.ecs.ServiceConnectConfiguration.ServiceConnectService;
import dev.mooring.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a deployment's Service Connect configuration into Cloud Map resources (spec §4.1–§4.3): validates it against
 * the task definition and the namespace's other services, then creates (or reuses) one HTTP Cloud Map service per
 * SC service, all inside the caller's store write.
 */
final class ServiceConnectPlanner {
    /** The outcome: the configuration as the deployment echoes it, its namespace ARN, and its resources. */
    record Plan(ServiceConnectConfiguration echo, String namespaceArn, List<Resource> resources) {
        static final Plan NONE = new Plan(null, null, List.of());
    }

    /** One (dnsName, port) that clients of the namespace connect to. */
    record Endpoint(String dnsName, int port) {}

    private final EcsState ecs;

    ServiceConnectPlanner(EcsState ecs) {
        this.ecs = ecs;
    }

    Plan plan(Tx tx, RequestContext ctx, Cluster cluster, String serviceArn, TaskDefinition td,
              ServiceConnectConfiguration cfg, Instant now) {
        if (cfg == null) {
            return Plan.NONE;
        }
        Validation.require(cfg.enabled(), "serviceConnectConfiguration.enabled");
        if (!cfg.isEnabled()) {
            return new Plan(cfg, null, List.of());
        }
        String nsRef = cfg.namespace() != null && !cfg.namespace().isEmpty() ? cfg.namespace()
                : cluster.serviceConnectDefaults() == null ? null : cluster.serviceConnectDefaults().namespace();
        if (nsRef == null) {
            throw Errors.invalid("serviceConnectConfiguration.namespace is required: cluster '"
                    + cluster.clusterName() + "' has no serviceConnectDefaults to fall back on.");
        }
        Namespace ns = ecs.cloudMap().findNamespace(tx, ctx.region(), nsRef)
                .orElseThrow(() -> Errors.namespaceNotFound(nsRef));
        List<ServiceConnectService> services = cfg.servicesOrEmpty();
        Set<String> names = new HashSet<>();
        Set<Endpoint> endpoints = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            String at = "serviceConnectConfiguration.services[" + i + "]";
            ServiceConnectService s = Validation.require(services.get(i), at);
            validate(s, at, td);
            if (!names.add(s.effectiveDiscoveryName())) {
                throw Errors.invalid(at + ": discoveryName '" + s.effectiveDiscoveryName() + "' is used twice;"
                        + " each Service Connect service needs its own discoveryName.");
            }
            for (Endpoint e : endpoints(s, ns.name())) {
                if (!endpoints.add(e)) {
                    throw Errors.invalid(at + ": endpoint " + e.dnsName() + ":" + e.port() + " is used twice.");
                }
            }
        }
        checkUniqueInNamespace(ns, serviceArn, names, endpoints);
        List<Resource> resources = new ArrayList<>();
        for (ServiceConnectService s : services) {
            CloudMapService cm = ecs.cloudMap().ensureHttpService(tx, ns, s.effectiveDiscoveryName(), now);
            resources.add(new Resource(s.effectiveDiscoveryName(), cm.arn()));
        }
        ServiceConnectConfiguration echo = new ServiceConnectConfiguration(true,
                cfg.namespace() != null && !cfg.namespace().isEmpty() ? cfg.namespace() : ns.name(), cfg.services(),
                cfg.logConfiguration(), cfg.accessLogConfiguration());
        return new Plan(echo, ns.arn(), List.copyOf(resources));
    }

    private static void validate(ServiceConnectService s, String at, TaskDefinition td) {
        Validation.require(s.portName(), at + ".portName");
        Validation.portName(s.portName(), at + ".portName");
        if (td.port(s.portName()).isEmpty()) {
            List<String> known = td.containerDefinitions().stream()
                    .flatMap(c -> c.portMappings() == null ? java.util.stream.Stream.empty()
                            : c.portMappings().stream())
                    .map(ContainerDefinition.PortMapping::name).filter(java.util.Objects::nonNull).toList();
            throw Errors.invalid(at + ".portName '" + s.portName() + "' is not the name of any portMapping in task"
                    + " definition " + td.family() + ":" + td.revision() + (known.isEmpty()
                    ? "; name a portMapping there first." : "; use one of " + known + "."));
        }
        if (s.discoveryName() != null) {
            Validation.portName(s.discoveryName(), at + ".discoveryName");
        }
        Validation.port(s.ingressPortOverride(), at + ".ingressPortOverride");
        List<ClientAlias> aliases = s.clientAliases() == null ? List.of() : s.clientAliases();
        if (aliases.size() > 1) {
            throw Errors.invalid(at + ".clientAliases has " + aliases.size() + " aliases; a Service Connect service"
                    + " takes at most one client alias.");
        }
        for (ClientAlias a : aliases) {
            Validation.require(a, at + ".clientAliases[0]");
            Validation.require(a.port(), at + ".clientAliases[0].port");
            Validation.port(a.port(), at + ".clientAliases[0].port");
            if (a.dnsName() != null) {
                Validation.dnsName(a.dnsName(), at + ".clientAliases[0].dnsName");
            }
        }
    }

    /** The endpoints of one SC service; an alias without dnsName means discoveryName.namespace (spec §4.1). */
    static List<Endpoint> endpoints(ServiceConnectService s, String namespaceName) {
        if (s.clientAliases() == null) {
            return List.of();
        }
        return s.clientAliases().stream().map(a -> new Endpoint(a.dnsName() != null ? a.dnsName()
                : s.effectiveDiscoveryName() + "." + namespaceName, a.port())).toList();
    }

    /** Discovery names and endpoints are unique in a namespace, across clusters (spec §4.1, §4.6). */
    private void checkUniqueInNamespace(Namespace ns, String serviceArn, Set<String> names, Set<Endpoint> endpoints) {
        ecs.tables().services().stream()
                .filter(other -> !other.arn().equals(serviceArn)
                        && !Service.INACTIVE.equals(other.service().status())
                        && other.namespaces().containsValue(ns.arn()))
                .forEach(other -> {
                    for (Deployment d : other.service().deployments()) {
                        if (!ns.arn().equals(other.namespaces().get(d.id()))) {
                            continue;
                        }
                        for (ServiceConnectService s : d.serviceConnectConfiguration().servicesOrEmpty()) {
                            if (names.contains(s.effectiveDiscoveryName())) {
                                throw Errors.invalid("discoveryName '" + s.effectiveDiscoveryName() + "' is"
                                        + " already used in namespace " + ns.name() + " by service "
                                        + other.service().serviceName() + "; choose another discoveryName.");
                            }
                            for (Endpoint e : endpoints(s, ns.name())) {
                                if (endpoints.contains(e)) {
                                    throw Errors.invalid("Endpoint " + e.dnsName() + ":" + e.port() + " is already"
                                            + " used in namespace " + ns.name() + " by service "
                                            + other.service().serviceName() + "; choose another dnsName or port.");
                                }
                            }
                        }
                    }
                });
    }
}
