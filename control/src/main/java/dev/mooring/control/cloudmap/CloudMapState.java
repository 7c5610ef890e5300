package dev.mooring.control.cloudmap;

import dev.mooring.control.Arn;
import dev.mooring.control.Ids;
import dev.mooring.control.ResourceTags;
import dev.mooring.store.Store;
import dev.mooring.store.Table;
import dev.mooring.store.Tx;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Owns the Cloud Map tables and implements what ECS asks of Cloud Map ({@link CloudMapCatalog}) and what the DNS
 * server reads ({@link #dnsZones}). Resources are keyed by ARN, so a region's resources share a key prefix and are
 * invisible from any other region.
 */
public final class CloudMapState implements CloudMapCatalog {
    /** Mooring's SOA negative-caching TTL for a DNS namespace created without Properties. */
    static final long DEFAULT_SOA_TTL = 15;

    private static final char[] ZONE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final Store store;
    private final String accountId;
    private final Table<Namespace> namespaces;
    private final Table<CloudMapService> services;
    private final Table<CloudMapInstance> instances;
    private final Table<CloudMapOperation> operations;
    private final Table<ResourceTags> tags;
    private final Table<ServiceAttributes> serviceAttributes;

    public CloudMapState(Store store, String accountId) {
        this.store = store;
        this.accountId = accountId;
        this.namespaces = store.table("cloudmap-namespace", Namespace.class, Namespace::arn);
        this.services = store.table("cloudmap-service", CloudMapService.class, CloudMapService::arn);
        this.instances = store.table("cloudmap-instance", CloudMapInstance.class, CloudMapInstance::key);
        this.operations = store.table("cloudmap-operation", CloudMapOperation.class, CloudMapOperation::key);
        this.tags = store.table("cloudmap-tags", ResourceTags.class, ResourceTags::resourceArn);
        this.serviceAttributes = store.table("cloudmap-serviceAttributes", ServiceAttributes.class,
                ServiceAttributes::serviceArn);
    }

    public Store store() {
        return store;
    }

    public Table<Namespace> namespaces() {
        return namespaces;
    }

    public Table<CloudMapService> services() {
        return services;
    }

    public Table<CloudMapInstance> instances() {
        return instances;
    }

    Table<CloudMapOperation> operations() {
        return operations;
    }

    Table<ServiceAttributes> serviceAttributes() {
        return serviceAttributes;
    }

    Table<ResourceTags> tags() {
        return tags;
    }

    /** Queries over committed state, without locking. */
    public CloudMapView read() {
        return new CloudMapView(this, null);
    }

    /** Queries over what the write {@code tx} would leave. */
    public CloudMapView in(Tx tx) {
        return new CloudMapView(this, tx);
    }

    /** {@code arn:aws:servicediscovery:<region>:<account>:<resource>} (spec §1.5). */
    String arn(String region, String resource) {
        return "arn:aws:servicediscovery:" + region + ":" + accountId + ":" + resource;
    }

    static String httpName(Namespace namespace) {
        var props = namespace.properties();
        return props == null || props.httpProperties() == null ? namespace.name() : props.httpProperties().httpName();
    }

    /**
     * Puts a new namespace and its CREATE_NAMESPACE operation. DNS namespaces get a hosted zone id as Route 53 would
     * write one; every namespace's HttpName is its Name, because Mooring keeps names unique within a region.
     */
    CloudMapOperation createNamespace(Tx tx, String region, String type, String name, String description,
                                      Long soaTtl, String creatorRequestId, Instant now) {
        String id = Ids.namespaceId();
        boolean dns = !Namespace.HTTP.equals(type);
        var dnsProperties = new Namespace.DnsProperties(dns ? "Z" + Ids.random(ZONE_CHARS, 20) : null,
                new Namespace.Soa(dns ? (soaTtl == null ? DEFAULT_SOA_TTL : soaTtl) : null));
        var properties = new Namespace.Properties(dnsProperties, new Namespace.HttpProperties(name));
        tx.put(namespaces, new Namespace(id, arn(region, "namespace/" + id), name, type, description, null,
                properties, now, creatorRequestId));
        return recordOperation(tx, region, CloudMapOperation.CREATE_NAMESPACE, Map.of("NAMESPACE", id), now);
    }

    CloudMapOperation recordOperation(Tx tx, String region, String type, Map<String, String> targets, Instant now) {
        var operation = new CloudMapOperation(region, Ids.operationId(), type, CloudMapOperation.SUCCESS, now, now,
                Map.copyOf(targets));
        tx.put(operations, operation);
        return operation;
    }

    CloudMapService createService(Tx tx, Namespace namespace, String name, String description,
                                  CloudMapService.DnsConfig dnsConfig,
                                  CloudMapService.HealthCheckConfig healthCheckConfig,
                                  CloudMapService.HealthCheckCustomConfig healthCheckCustomConfig,
                                  String creatorRequestId, Instant now) {
        String id = Ids.cloudMapServiceId();
        String type = dnsConfig == null ? CloudMapService.HTTP : CloudMapService.DNS_HTTP;
        var service = new CloudMapService(id, arn(Arn.region(namespace.arn()), "service/" + id), name, namespace.id(),
                description, null, dnsConfig, type, healthCheckConfig, healthCheckCustomConfig, now,
                creatorRequestId);
        tx.put(services, service);
        return service;
    }

    /** The initial custom health status: AWS_INIT_HEALTH_STATUS when given, else HEALTHY (spec §3.2). */
    static String initialHealth(CloudMapService service, Map<String, String> attributes) {
        if (service.healthCheckCustomConfig() == null) {
            return null;
        }
        return attributes.getOrDefault("AWS_INIT_HEALTH_STATUS", CloudMapInstance.HEALTHY);
    }

    // --- CloudMapCatalog: ECS's view, inside ECS's own write ---

    @Override
    public Optional<Namespace> findNamespace(Tx tx, String region, String nameOrArn) {
        CloudMapView view = in(tx);
        return nameOrArn.startsWith("arn:") ? view.namespace(region, nameOrArn)
                : view.namespaceByName(region, nameOrArn);
    }

    @Override
    public Namespace createHttpNamespace(Tx tx, String region, String accountId, String name, Instant now) {
        Optional<Namespace> existing = in(tx).namespaceByName(region, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        var operation = createNamespace(tx, region, Namespace.HTTP, name, null, null, name, now);
        return in(tx).namespace(region, operation.targets().get("NAMESPACE")).orElseThrow();
    }

    @Override
    public CloudMapService ensureHttpService(Tx tx, Namespace namespace, String name, Instant now) {
        return in(tx).serviceByName(namespace, name)
                .orElseGet(() -> createService(tx, namespace, name, null, null, null, null, null, now));
    }

    @Override
    public Optional<CloudMapService> findServiceByArn(Tx tx, String region, String arn) {
        return in(tx).service(region, arn);
    }

    @Override
    public boolean deleteServiceIfEmpty(Tx tx, String serviceArn) {
        Optional<CloudMapService> service = tx.get(services, serviceArn);
        if (service.isEmpty()) {
            return true;
        }
        if (in(tx).instances(service.get()).findAny().isPresent()) {
            return false;
        }
        tx.delete(services, serviceArn);
        tx.delete(tags, serviceArn);
        return true;
    }

    @Override
    public void registerInstance(Tx tx, CloudMapService service, String instanceId, Map<String, String> attributes,
                                 Instant now) {
        Instant created = in(tx).instance(service, instanceId).map(CloudMapInstance::createDate).orElse(now);
        tx.put(instances, new CloudMapInstance(service.arn(), instanceId, null, Map.copyOf(attributes),
                initialHealth(service, attributes), null, created));
    }

    @Override
    public void deregisterInstance(Tx tx, CloudMapService service, String instanceId) {
        tx.delete(instances, CloudMapInstance.key(service.arn(), instanceId));
    }

    // --- the DNS server's view ---

    /**
     * Every region's DNS namespaces: one bridge is one VPC, so Mooring's DNS server answers all of them (a name taken
     * in two regions answers from the first in ARN order).
     */
    public List<DnsZone> dnsZones() {
        return namespaces().stream().map(n -> Arn.region(n.arn())).distinct()
                .flatMap(region -> dnsZones(region).stream()).toList();
    }

    /** The tables whose changes can change a DNS zone: namespaces, services and instances. */
    public List<Table<?>> dnsTables() {
        return List.of(namespaces, services, instances);
    }

    /** One DNS namespace as a zone; empty if it is gone or is an HTTP namespace. */
    public Optional<DnsZone> dnsZone(String namespaceArn) {
        CloudMapView view = read();
        return view.namespace(Arn.region(namespaceArn), namespaceArn).filter(n -> !Namespace.HTTP.equals(n.type()))
                .map(n -> new DnsZone(n, view.servicesIn(n).filter(s -> s.dnsConfig() != null)
                        .map(s -> dnsService(view, s)).toList()));
    }

    private static DnsZone.Service dnsService(CloudMapView view, CloudMapService s) {
        return new DnsZone.Service(s, view.instances(s)
                .map(i -> new DnsZone.Endpoint(i.id(), i.attributes(), i.healthStatus(s))).toList());
    }

    /**
     * The ARN of the namespace a DNS zone change belongs to, from a changed row of {@link #dnsTables()}: a namespace,
     * a service, or an instance (its service found now, or in {@code deletedService} if it went in the same change).
     */
    public Optional<String> namespaceArnOf(Object row, Function<String, Optional<CloudMapService>> deletedService) {
        return switch (row) {
            case Namespace n -> Optional.of(n.arn());
            case CloudMapService s -> Optional.of(namespaceArn(s));
            case CloudMapInstance i -> services.get(i.serviceArn()).or(() -> deletedService.apply(i.serviceArn()))
                    .map(CloudMapState::namespaceArn);
            default -> Optional.empty();
        };
    }

    /** A service's namespace ARN: same region and account, {@code namespace/<id>}. */
    private static String namespaceArn(CloudMapService s) {
        return s.arn().substring(0, s.arn().lastIndexOf(':') + 1) + "namespace/" + s.namespaceId();
    }

    /**
     * The region's DNS namespaces (DNS_PRIVATE and DNS_PUBLIC), each with its services that have a DnsConfig and
     * their instances, read from committed state.
     */
    public List<DnsZone> dnsZones(String region) {
        CloudMapView view = read();
        Map<String, List<DnsZone.Service>> byNamespace = new HashMap<>();
        view.services(region).filter(s -> s.dnsConfig() != null).forEach(s -> byNamespace
                .computeIfAbsent(s.namespaceId(), k -> new java.util.ArrayList<>()).add(dnsService(view, s)));
        return view.namespaces(region)
                .filter(n -> !Namespace.HTTP.equals(n.type()))
                .map(n -> new DnsZone(n, List.copyOf(byNamespace.getOrDefault(n.id(), List.of()))))
                .toList();
    }
}
