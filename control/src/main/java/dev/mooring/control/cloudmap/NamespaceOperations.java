package dev.mooring.control.cloudmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mooring.core.operation.ServiceException;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.control.Page;
import dev.mooring.control.Tag;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Namespace operations (spec §3.2). Creation and deletion are asynchronous on AWS; Mooring applies them at once and
 * answers with the id of an operation already in SUCCESS. A name is unique within a region whatever the type, so a
 * namespace's HttpName is always its Name and DiscoverInstances and DNS never face two namespaces of one name.
 */
final class NamespaceOperations {
    private static final Pattern HTTP_NAME = Pattern.compile("^(?!arn:)[!-~]{1,1024}$");
    private static final Pattern DNS_NAME = Pattern.compile(
            "^(?!arn:)(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
                    + "(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?$");
    private static final Set<String> TYPES = Set.of(Namespace.HTTP, Namespace.DNS_PRIVATE, Namespace.DNS_PUBLIC);

    record CreateHttpNamespaceRequest(String name, String creatorRequestId, String description, List<Tag> tags) {}

    record CreatePrivateDnsNamespaceRequest(String name, String creatorRequestId, String description, String vpc,
                                            List<Tag> tags, DnsNamespaceProperties properties) {}

    record CreatePublicDnsNamespaceRequest(String name, String creatorRequestId, String description, List<Tag> tags,
                                           DnsNamespaceProperties properties) {}

    /** PrivateDnsNamespaceProperties and PublicDnsNamespaceProperties: both only carry the SOA TTL. */
    record DnsNamespaceProperties(DnsPropertiesMutable dnsProperties) {}

    record DnsPropertiesMutable(@JsonProperty("SOA") Namespace.Soa soa) {}

    record OperationIdResponse(String operationId) {}

    record HttpNamespaceChange(String description) {}

    record UpdateHttpNamespaceRequest(String id, String updaterRequestId, HttpNamespaceChange namespace) {}

    /** PrivateDnsNamespaceChange and PublicDnsNamespaceChange: a description, the SOA TTL, or both. */
    record DnsNamespaceChange(String description, DnsNamespaceProperties properties) {}

    record UpdateDnsNamespaceRequest(String id, String updaterRequestId, DnsNamespaceChange namespace) {}

    record IdRequest(String id) {}

    record GetNamespaceResponse(Namespace namespace) {}

    record NamespaceFilter(String name, List<String> values, String condition) {}

    record ListNamespacesRequest(String nextToken, Integer maxResults, List<NamespaceFilter> filters) {}

    record NamespaceSummary(String id, String arn, String name, String type, String description, Integer serviceCount,
                            Namespace.Properties properties, Instant createDate) {}

    record ListNamespacesResponse(List<NamespaceSummary> namespaces, String nextToken) {}

    private final CloudMapState state;
    private final TagOperations tags;

    NamespaceOperations(CloudMapState state, TagOperations tags) {
        this.state = state;
        this.tags = tags;
    }

    OperationIdResponse createHttp(RequestContext ctx, CreateHttpNamespaceRequest in) {
        Input.required(in.name(), "Name");
        Input.matches(in.name(), HTTP_NAME, "Name", "1 to 1024 printable ASCII characters without spaces, not an ARN");
        return create(ctx, Namespace.HTTP, in.name(), in.creatorRequestId(), in.description(), null, in.tags());
    }

    OperationIdResponse createPrivateDns(RequestContext ctx, CreatePrivateDnsNamespaceRequest in) {
        Input.required(in.vpc(), "Vpc");
        Input.maxLength(in.vpc(), 64, "Vpc");
        return createDns(ctx, Namespace.DNS_PRIVATE, in.name(), in.creatorRequestId(), in.description(), in.tags(),
                in.properties());
    }

    OperationIdResponse createPublicDns(RequestContext ctx, CreatePublicDnsNamespaceRequest in) {
        return createDns(ctx, Namespace.DNS_PUBLIC, in.name(), in.creatorRequestId(), in.description(), in.tags(),
                in.properties());
    }

    private OperationIdResponse createDns(RequestContext ctx, String type, String name, String creatorRequestId,
                                          String description, List<Tag> tagList, DnsNamespaceProperties properties) {
        Input.required(name, "Name");
        Input.matches(name, DNS_NAME, "Name", "a DNS name of at most 253 characters: dot-separated labels of 1 to 63"
                + " letters, digits, '_' or '-', not starting or ending with '-'");
        Long ttl = null;
        if (properties != null) {
            var dns = Input.required(properties.dnsProperties(), "Properties.DnsProperties");
            var soa = Input.required(dns.soa(), "Properties.DnsProperties.SOA");
            ttl = Input.required(soa.ttl(), "Properties.DnsProperties.SOA.TTL");
            Input.range(ttl, 0, Integer.MAX_VALUE, "Properties.DnsProperties.SOA.TTL");
        }
        return create(ctx, type, name, creatorRequestId, description, ttl, tagList);
    }

    private OperationIdResponse create(RequestContext ctx, String type, String name, String creatorRequestId,
                                       String description, Long soaTtl, List<Tag> tagList) {
        Input.maxLength(creatorRequestId, 64, "CreatorRequestId");
        Input.maxLength(description, 1024, "Description");
        TagOperations.validate(tagList);
        return state.store().write(tx -> {
            CloudMapView view = state.in(tx);
            var existing = view.namespaceByName(ctx.region(), name);
            if (existing.isPresent()) {
                Namespace ns = existing.get();
                if (creatorRequestId != null && creatorRequestId.equals(ns.creatorRequestId())
                        && type.equals(ns.type()) && Objects.equals(description, ns.description())) {
                    // a retry of the request that made it: the same answer, nothing new
                    return new OperationIdResponse(view.operations(ctx.region())
                            .filter(o -> CloudMapOperation.CREATE_NAMESPACE.equals(o.type())
                                    && ns.id().equals(o.targets().get("NAMESPACE")))
                            .map(CloudMapOperation::id).findFirst().orElseGet(() -> state.recordOperation(tx,
                                    ctx.region(), CloudMapOperation.CREATE_NAMESPACE,
                                    Map.of("NAMESPACE", ns.id()), ctx.receivedAt()).id()));
                }
                Map<String, Object> extra = new HashMap<>();
                extra.put("NamespaceId", ns.id());
                if (ns.creatorRequestId() != null) {
                    extra.put("CreatorRequestId", ns.creatorRequestId());
                }
                throw new ServiceException("NamespaceAlreadyExists", "A namespace named '" + name + "' already"
                        + " exists in " + ctx.region() + " (" + ns.id() + "); choose another name.", extra);
            }
            CloudMapOperation op = state.createNamespace(tx, ctx.region(), type, name, description, soaTtl,
                    creatorRequestId, ctx.receivedAt());
            String id = op.targets().get("NAMESPACE");
            tags.put(tx, state.arn(ctx.region(), "namespace/" + id), tagList);
            return new OperationIdResponse(op.id());
        });
    }

    OperationIdResponse delete(RequestContext ctx, IdRequest in) {
        String id = Input.required(in.id(), "Id");
        Input.maxLength(id, 255, "Id");
        return state.store().write(tx -> {
            CloudMapView view = state.in(tx);
            Namespace ns = view.namespace(ctx.region(), id).orElseThrow(() -> notFound(id));
            long services = view.servicesIn(ns).count();
            if (services > 0) {
                throw new ServiceException("ResourceInUse", "Namespace " + ns.id() + " still has " + services
                        + " service(s); delete them first.");
            }
            tx.delete(state.namespaces(), ns.arn());
            tx.delete(state.tags(), ns.arn());
            return new OperationIdResponse(state.recordOperation(tx, ctx.region(), CloudMapOperation.DELETE_NAMESPACE,
                    Map.of("NAMESPACE", ns.id()), ctx.receivedAt()).id());
        });
    }

    OperationIdResponse updateHttp(RequestContext ctx, UpdateHttpNamespaceRequest in) {
        HttpNamespaceChange change = Input.required(in.namespace(), "Namespace");
        Input.required(change.description(), "Namespace.Description");
        return update(ctx, in.id(), in.updaterRequestId(), Namespace.HTTP, change.description(), null);
    }

    OperationIdResponse updatePrivateDns(RequestContext ctx, UpdateDnsNamespaceRequest in) {
        return updateDns(ctx, in, Namespace.DNS_PRIVATE);
    }

    OperationIdResponse updatePublicDns(RequestContext ctx, UpdateDnsNamespaceRequest in) {
        return updateDns(ctx, in, Namespace.DNS_PUBLIC);
    }

    private OperationIdResponse updateDns(RequestContext ctx, UpdateDnsNamespaceRequest in, String type) {
        DnsNamespaceChange change = Input.required(in.namespace(), "Namespace");
        Long ttl = null;
        if (change.properties() != null) {
            var dns = Input.required(change.properties().dnsProperties(), "Namespace.Properties.DnsProperties");
            var soa = Input.required(dns.soa(), "Namespace.Properties.DnsProperties.SOA");
            ttl = Input.required(soa.ttl(), "Namespace.Properties.DnsProperties.SOA.TTL");
            Input.range(ttl, 0, Integer.MAX_VALUE, "Namespace.Properties.DnsProperties.SOA.TTL");
        }
        if (change.description() == null && ttl == null) {
            throw new ServiceException("InvalidInput", "Namespace needs a Description or Properties to change.");
        }
        return update(ctx, in.id(), in.updaterRequestId(), type, change.description(), ttl);
    }

    /** Description and SOA TTL change in place; the namespace keeps its id, name, type and hosted zone. */
    private OperationIdResponse update(RequestContext ctx, String idOrArn, String updaterRequestId, String type,
                                       String description, Long soaTtl) {
        String id = Input.required(idOrArn, "Id");
        Input.maxLength(id, 255, "Id");
        Input.maxLength(updaterRequestId, 64, "UpdaterRequestId");
        Input.maxLength(description, 1024, "Namespace.Description");
        return state.store().write(tx -> {
            Namespace ns = state.in(tx).namespace(ctx.region(), id).orElseThrow(() -> notFound(id));
            if (!type.equals(ns.type())) {
                throw new ServiceException("InvalidInput", "Namespace " + ns.id() + " is of type " + ns.type()
                        + ", not " + type + "; use the Update operation of its type.");
            }
            Namespace.Properties properties = ns.properties();
            if (soaTtl != null) {
                properties = new Namespace.Properties(new Namespace.DnsProperties(
                        properties.dnsProperties().hostedZoneId(), new Namespace.Soa(soaTtl)),
                        properties.httpProperties());
            }
            tx.put(state.namespaces(), new Namespace(ns.id(), ns.arn(), ns.name(), ns.type(),
                    description != null ? description : ns.description(), null, properties, ns.createDate(),
                    ns.creatorRequestId()));
            return new OperationIdResponse(state.recordOperation(tx, ctx.region(),
                    CloudMapOperation.UPDATE_NAMESPACE, Map.of("NAMESPACE", ns.id()), ctx.receivedAt()).id());
        });
    }

    GetNamespaceResponse get(RequestContext ctx, IdRequest in) {
        String id = Input.required(in.id(), "Id");
        Input.maxLength(id, 255, "Id");
        CloudMapView view = state.read();
        return new GetNamespaceResponse(view.withCount(view.namespace(ctx.region(), id)
                .orElseThrow(() -> notFound(id))));
    }

    ListNamespacesResponse list(RequestContext ctx, ListNamespacesRequest in) {
        Predicate<Namespace> filter = Filters.allOf(in.filters(), NamespaceOperations::predicate);
        CloudMapView view = state.read();
        Map<String, Long> counts = new HashMap<>();
        view.services(ctx.region()).forEach(s -> counts.merge(s.namespaceId(), 1L, Long::sum));
        Page<Namespace> page = Page.of(view.namespaces(ctx.region()).filter(filter), Namespace::arn, in.nextToken(),
                in.maxResults(), 100, 100, Input.INVALID);
        return new ListNamespacesResponse(page.items().stream().map(n -> new NamespaceSummary(n.id(), n.arn(),
                n.name(), n.type(), n.description(), counts.getOrDefault(n.id(), 0L).intValue(), n.properties(),
                n.createDate())).toList(), page.nextToken());
    }

    private static Predicate<Namespace> predicate(NamespaceFilter f) {
        String name = Input.oneOf(Input.required(f.name(), "Filters[].Name"),
                Set.of("TYPE", "NAME", "HTTP_NAME", "RESOURCE_OWNER"), "Filters[].Name");
        return switch (name) {
            case "TYPE" -> {
                var test = Filters.strings(Filters.condition(name, f.condition(), f.values(),
                        Set.of(Filters.EQ, Filters.IN)), f.values());
                f.values().forEach(v -> Input.oneOf(v, TYPES, "Filters[TYPE].Values"));
                yield n -> test.test(n.type());
            }
            case "NAME", "HTTP_NAME" -> {
                var test = Filters.strings(Filters.condition(name, f.condition(), f.values(),
                        Set.of(Filters.EQ, Filters.BEGINS_WITH)), f.values());
                yield name.equals("NAME") ? n -> test.test(n.name()) : n -> test.test(CloudMapState.httpName(n));
            }
            default -> {
                // every namespace Mooring holds is the caller's own: SELF matches all, OTHER_ACCOUNTS none
                Filters.condition(name, f.condition(), f.values(), Set.of(Filters.EQ));
                String owner = Input.oneOf(f.values().getFirst(), Set.of("SELF", "OTHER_ACCOUNTS"),
                        "Filters[RESOURCE_OWNER].Values");
                yield n -> owner.equals("SELF");
            }
        };
    }

    static ServiceException notFound(String id) {
        return new ServiceException("NamespaceNotFound", "No namespace " + id + " in this region.");
    }
}
