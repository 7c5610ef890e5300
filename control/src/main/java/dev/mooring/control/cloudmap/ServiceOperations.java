package dev.mooring.control.cloudmap;

import dev.mooring.core.operation.ServiceException;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.control.Page;
import dev.mooring.control.Tag;
import dev.mooring.control.cloudmap.CloudMapService.DnsConfig;
import dev.mooring.control.cloudmap.CloudMapService.DnsRecord;
import dev.mooring.control.cloudmap.CloudMapService.HealthCheckConfig;
import dev.mooring.control.cloudmap.CloudMapService.HealthCheckCustomConfig;
import dev.mooring.control.cloudmap.NamespaceOperations.IdRequest;
import dev.mooring.control.cloudmap.NamespaceOperations.OperationIdResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Cloud Map service operations (spec §3.2). CreateService, GetService and DeleteService are synchronous. */
final class ServiceOperations {
    /** The model's pattern: dot-separated DNS labels, at most 127 characters, or a single dot. */
    private static final Pattern NAME = Pattern.compile(
            "((?=^.{1,127}$)^([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9])"
                    + "(\\.([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9]))*$)|(^\\.$)");
    private static final Set<String> RECORD_TYPES = Set.of("SRV", "A", "AAAA", "CNAME");
    private static final Set<String> ROUTING = Set.of("MULTIVALUE", "WEIGHTED");
    private static final Set<String> HEALTH_CHECK_TYPES = Set.of("HTTP", "HTTPS", "TCP");

    record CreateServiceRequest(String name, String namespaceId, String creatorRequestId, String description,
                                DnsConfig dnsConfig, HealthCheckConfig healthCheckConfig,
                                HealthCheckCustomConfig healthCheckCustomConfig, List<Tag> tags, String type) {}

    record ServiceResponse(CloudMapService service) {}

    record UpdateServiceRequest(String id, ServiceChange service) {}

    record ServiceChange(String description, DnsConfigChange dnsConfig, HealthCheckConfig healthCheckConfig) {}

    record DnsConfigChange(List<DnsRecord> dnsRecords) {}

    record ServiceFilter(String name, List<String> values, String condition) {}

    record ListServicesRequest(String nextToken, Integer maxResults, List<ServiceFilter> filters) {}

    record ServiceSummary(String id, String arn, String name, String type, String description, Integer instanceCount,
                          DnsConfig dnsConfig, HealthCheckConfig healthCheckConfig,
                          HealthCheckCustomConfig healthCheckCustomConfig, Instant createDate) {}

    record ListServicesResponse(List<ServiceSummary> services, String nextToken) {}

    private final CloudMapState state;
    private final TagOperations tags;

    ServiceOperations(CloudMapState state, TagOperations tags) {
        this.state = state;
        this.tags = tags;
    }

    ServiceResponse create(RequestContext ctx, CreateServiceRequest in) {
        String name = Input.required(in.name(), "Name");
        Input.matches(name, NAME, "Name", "dot-separated labels of letters, digits, '_' or '-' (at most 63 each, not"
                + " starting or ending with '-'), 127 characters in all");
        String namespaceId = in.namespaceId() != null ? in.namespaceId()
                : in.dnsConfig() == null ? null : in.dnsConfig().namespaceId();
        Input.required(namespaceId, "NamespaceId");
        Input.maxLength(namespaceId, 255, "NamespaceId");
        Input.maxLength(in.creatorRequestId(), 64, "CreatorRequestId");
        Input.maxLength(in.description(), 1024, "Description");
        Input.oneOf(in.type(), Set.of(CloudMapService.HTTP), "Type");
        if (in.type() != null && in.dnsConfig() != null) {
            throw Input.invalid("Type HTTP makes a service discoverable only by API; it cannot have a DnsConfig.");
        }
        DnsConfig dnsConfig = in.dnsConfig() == null ? null : validDnsConfig(in.dnsConfig());
        validHealthCheck(in.healthCheckConfig());
        if (in.healthCheckCustomConfig() != null) {
            Input.range(in.healthCheckCustomConfig().failureThreshold(), 1, 10,
                    "HealthCheckCustomConfig.FailureThreshold");
        }
        if (in.healthCheckConfig() != null && in.healthCheckCustomConfig() != null) {
            throw Input.invalid("Give HealthCheckConfig or HealthCheckCustomConfig, not both.");
        }
        TagOperations.validate(in.tags());
        return state.store().write(tx -> {
            CloudMapView view = state.in(tx);
            Namespace ns = view.namespace(ctx.region(), namespaceId)
                    .orElseThrow(() -> NamespaceOperations.notFound(namespaceId));
            if (in.dnsConfig() != null && in.dnsConfig().namespaceId() != null
                    && !in.dnsConfig().namespaceId().equals(ns.id()) && !in.dnsConfig().namespaceId().equals(ns.arn())) {
                throw Input.invalid("DnsConfig.NamespaceId " + in.dnsConfig().namespaceId()
                        + " is not the service's namespace " + ns.id() + "; omit it (it is deprecated).");
            }
            checkAgainstNamespace(ns, dnsConfig, in.healthCheckConfig());
            var existing = view.serviceByName(ns, name);
            if (existing.isPresent()) {
                CloudMapService s = existing.get();
                if (in.creatorRequestId() != null && in.creatorRequestId().equals(s.creatorRequestId())
                        && Objects.equals(in.description(), s.description()) && Objects.equals(dnsConfig, s.dnsConfig())
                        && Objects.equals(in.healthCheckConfig(), s.healthCheckConfig())
                        && Objects.equals(in.healthCheckCustomConfig(), s.healthCheckCustomConfig())) {
                    return new ServiceResponse(s);
                }
                Map<String, Object> extra = new HashMap<>();
                extra.put("ServiceId", s.id());
                extra.put("ServiceArn", s.arn());
                if (s.creatorRequestId() != null) {
                    extra.put("CreatorRequestId", s.creatorRequestId());
                }
                throw new ServiceException("ServiceAlreadyExists", "Namespace " + ns.id() + " already has a service"
                        + " named '" + name + "' (" + s.id() + "); choose another name.", extra);
            }
            CloudMapService created = state.createService(tx, ns, name, in.description(), dnsConfig,
                    in.healthCheckConfig(), in.healthCheckCustomConfig(), in.creatorRequestId(), ctx.receivedAt());
            tags.put(tx, created.arn(), in.tags());
            return new ServiceResponse(created);
        });
    }

    private static DnsConfig validDnsConfig(DnsConfig config) {
        String routing = config.routingPolicy() == null ? "MULTIVALUE" : config.routingPolicy();
        Input.oneOf(routing, ROUTING, "DnsConfig.RoutingPolicy");
        List<DnsRecord> records = validRecords(config.dnsRecords(), "DnsConfig.DnsRecords");
        Set<String> types = records.stream().map(DnsRecord::type).collect(Collectors.toSet());
        if (types.contains("CNAME") && (types.size() > 1 || !"WEIGHTED".equals(routing))) {
            throw Input.invalid("A CNAME record must be the service's only DNS record and needs RoutingPolicy"
                    + " WEIGHTED.");
        }
        return new DnsConfig(null, routing, records);
    }

    private static List<DnsRecord> validRecords(List<DnsRecord> records, String member) {
        if (records == null || records.isEmpty()) {
            throw Input.invalid(member + " is required: give at least one DNS record (A, AAAA, SRV or CNAME).");
        }
        Set<String> seen = new HashSet<>();
        for (DnsRecord r : records) {
            Input.required(r, member + "[]");
            Input.oneOf(Input.required(r.type(), member + "[].Type"), RECORD_TYPES, member + "[].Type");
            Input.range(Input.required(r.ttl(), member + "[].TTL"), 0, Integer.MAX_VALUE, member + "[].TTL");
            if (!seen.add(r.type())) {
                throw Input.invalid(member + " has two " + r.type() + " records; give each type once.");
            }
        }
        return List.copyOf(records);
    }

    private static void validHealthCheck(HealthCheckConfig check) {
        if (check == null) {
            return;
        }
        Input.oneOf(Input.required(check.type(), "HealthCheckConfig.Type"), HEALTH_CHECK_TYPES,
                "HealthCheckConfig.Type");
        Input.maxLength(check.resourcePath(), 255, "HealthCheckConfig.ResourcePath");
        if ("TCP".equals(check.type()) && check.resourcePath() != null) {
            throw Input.invalid("HealthCheckConfig.ResourcePath does not apply to a TCP health check; omit it.");
        }
        Input.range(check.failureThreshold(), 1, 10, "HealthCheckConfig.FailureThreshold");
    }

    private static void checkAgainstNamespace(Namespace ns, DnsConfig dnsConfig, HealthCheckConfig check) {
        if (dnsConfig != null && Namespace.HTTP.equals(ns.type())) {
            throw Input.invalid("Namespace " + ns.id() + " is an HTTP namespace: its services have no DNS records,"
                    + " so omit DnsConfig.");
        }
        if (check != null && Namespace.DNS_PRIVATE.equals(ns.type())) {
            throw Input.invalid("HealthCheckConfig is for public DNS and HTTP namespaces only; " + ns.id()
                    + " is private. Use HealthCheckCustomConfig.");
        }
    }

    ServiceResponse get(RequestContext ctx, IdRequest in) {
        String id = Input.required(in.id(), "Id");
        Input.maxLength(id, 255, "Id");
        CloudMapView view = state.read();
        return new ServiceResponse(view.withCount(view.service(ctx.region(), id).orElseThrow(() -> notFound(id))));
    }

    /**
     * UpdateService: DnsConfig may change TTLs of the existing record types; HealthCheckConfig is replaced, and
     * removed when omitted (AWS: omitted configurations are deleted); a Description that is omitted is kept.
     */
    OperationIdResponse update(RequestContext ctx, UpdateServiceRequest in) {
        String id = Input.required(in.id(), "Id");
        Input.maxLength(id, 255, "Id");
        ServiceChange change = Input.required(in.service(), "Service");
        Input.maxLength(change.description(), 1024, "Service.Description");
        List<DnsRecord> records = change.dnsConfig() == null ? null
                : validRecords(change.dnsConfig().dnsRecords(), "Service.DnsConfig.DnsRecords");
        validHealthCheck(change.healthCheckConfig());
        return state.store().write(tx -> {
            CloudMapView view = state.in(tx);
            CloudMapService s = view.service(ctx.region(), id).orElseThrow(() -> notFound(id));
            DnsConfig dns = s.dnsConfig();
            if (records != null) {
                if (dns == null) {
                    throw Input.invalid("Service " + s.id() + " has no DNS records (type HTTP); omit DnsConfig.");
                }
                Set<String> before = dns.dnsRecords().stream().map(DnsRecord::type).collect(Collectors.toSet());
                Set<String> after = records.stream().map(DnsRecord::type).collect(Collectors.toSet());
                if (!before.equals(after)) {
                    throw Input.invalid("UpdateService can change the TTLs of the records " + before
                            + " but not the record types (got " + after + ").");
                }
                dns = new DnsConfig(dns.namespaceId(), dns.routingPolicy(), records);
            }
            HealthCheckConfig check = change.healthCheckConfig();
            if (check != null) {
                if (s.healthCheckCustomConfig() != null) {
                    throw Input.invalid("Service " + s.id() + " has a custom health check; it cannot also get a"
                            + " HealthCheckConfig.");
                }
                if (s.healthCheckConfig() != null && !s.healthCheckConfig().type().equals(check.type())) {
                    throw Input.invalid("HealthCheckConfig.Type cannot change after creation (it is "
                            + s.healthCheckConfig().type() + ").");
                }
                Namespace ns = view.namespace(ctx.region(), s.namespaceId()).orElseThrow();
                checkAgainstNamespace(ns, null, check);
            }
            String description = change.description() != null ? change.description() : s.description();
            tx.put(state.services(), s.updated(description, dns, check));
            return new OperationIdResponse(state.recordOperation(tx, ctx.region(), CloudMapOperation.UPDATE_SERVICE,
                    Map.of("SERVICE", s.id()), ctx.receivedAt()).id());
        });
    }

    Object delete(RequestContext ctx, IdRequest in) {
        String id = Input.required(in.id(), "Id");
        Input.maxLength(id, 255, "Id");
        state.store().write(tx -> {
            CloudMapView view = state.in(tx);
            CloudMapService s = view.service(ctx.region(), id).orElseThrow(() -> notFound(id));
            long instances = view.instances(s).count();
            if (instances > 0) {
                throw new ServiceException("ResourceInUse", "Service " + s.id() + " still has " + instances
                        + " registered instance(s); deregister them first.");
            }
            tx.delete(state.services(), s.arn());
            tx.delete(state.tags(), s.arn());
            tx.delete(state.serviceAttributes(), s.arn());
            return null;
        });
        return null;
    }

    ListServicesResponse list(RequestContext ctx, ListServicesRequest in) {
        CloudMapView view = state.read();
        Predicate<CloudMapService> filter = Filters.allOf(in.filters(), f -> predicate(ctx, view, f));
        Page<CloudMapService> page = Page.of(view.services(ctx.region()).filter(filter), CloudMapService::arn,
                in.nextToken(), in.maxResults(), 100, 100, Input.INVALID);
        return new ListServicesResponse(page.items().stream().map(view::withCount).map(s -> new ServiceSummary(
                s.id(), s.arn(), s.name(), s.type(), s.description(), s.instanceCount(), s.dnsConfig(),
                s.healthCheckConfig(), s.healthCheckCustomConfig(), s.createDate())).toList(), page.nextToken());
    }

    private static Predicate<CloudMapService> predicate(RequestContext ctx, CloudMapView view, ServiceFilter f) {
        String name = Input.oneOf(Input.required(f.name(), "Filters[].Name"), Set.of("NAMESPACE_ID", "RESOURCE_OWNER"),
                "Filters[].Name");
        if (name.equals("RESOURCE_OWNER")) {
            // every service Mooring holds is the caller's own: SELF matches all, OTHER_ACCOUNTS none
            Filters.condition(name, f.condition(), f.values(), Set.of(Filters.EQ));
            String owner = Input.oneOf(f.values().getFirst(), Set.of("SELF", "OTHER_ACCOUNTS"),
                    "Filters[RESOURCE_OWNER].Values");
            return s -> owner.equals("SELF");
        }
        Filters.condition(name, f.condition(), f.values(), Set.of(Filters.EQ, Filters.IN));
        // values are namespace ids or ARNs; one that names no namespace simply matches nothing
        Set<String> ids = f.values().stream().map(v -> view.namespace(ctx.region(), v).map(Namespace::id).orElse(v))
                .collect(Collectors.toSet());
        return s -> ids.contains(s.namespaceId());
    }

    static ServiceException notFound(String id) {
        return new ServiceException("ServiceNotFound", "No Cloud Map service " + id + " in this region.");
    }
}
