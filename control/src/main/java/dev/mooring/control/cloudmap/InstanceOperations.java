package dev.mooring.control.cloudmap;

import dev.mooring.core.operation.ServiceException;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.control.Page;
import dev.mooring.control.cloudmap.NamespaceOperations.OperationIdResponse;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Instance operations (spec §3.2). RegisterInstance and DeregisterInstance are asynchronous on AWS; Mooring applies
 * them before answering with an operation in SUCCESS. Custom health changes apply at once (AWS waits about 30 s).
 */
final class InstanceOperations {
    private static final Pattern INSTANCE_ID = Pattern.compile("^[0-9a-zA-Z_/:.@-]+$");
    private static final Set<String> RESERVED = Set.of("AWS_ALIAS_DNS_NAME", "AWS_EC2_INSTANCE_ID",
            "AWS_INIT_HEALTH_STATUS", "AWS_INSTANCE_CNAME", "AWS_INSTANCE_IPV4", "AWS_INSTANCE_IPV6",
            "AWS_INSTANCE_PORT");
    private static final Set<String> CUSTOM_STATUS = Set.of(CloudMapInstance.HEALTHY, CloudMapInstance.UNHEALTHY);

    record RegisterInstanceRequest(String serviceId, String instanceId, String creatorRequestId,
                                   Map<String, String> attributes) {}

    record InstanceRequest(String serviceId, String instanceId) {}

    record ListInstancesRequest(String serviceId, String nextToken, Integer maxResults) {}

    record InstanceSummary(String id, Map<String, String> attributes) {}

    record ListInstancesResponse(List<InstanceSummary> instances, String nextToken) {}

    record Instance(String id, String creatorRequestId, Map<String, String> attributes) {}

    record GetInstanceResponse(Instance instance) {}

    record GetInstancesHealthStatusRequest(String serviceId, List<String> instances, Integer maxResults,
                                           String nextToken) {}

    record GetInstancesHealthStatusResponse(Map<String, String> status, String nextToken) {}

    record UpdateInstanceCustomHealthStatusRequest(String serviceId, String instanceId, String status) {}

    private final CloudMapState state;

    InstanceOperations(CloudMapState state) {
        this.state = state;
    }

    OperationIdResponse register(RequestContext ctx, RegisterInstanceRequest in) {
        String serviceId = serviceId(in.serviceId());
        String instanceId = instanceId(in.instanceId());
        Input.matches(instanceId, INSTANCE_ID, "InstanceId", "letters, digits and _/:.@- only");
        Input.maxLength(in.creatorRequestId(), 64, "CreatorRequestId");
        Map<String, String> attributes = Input.required(in.attributes(), "Attributes");
        validAttributes(attributes);
        return state.store().write(tx -> {
            CloudMapView view = state.in(tx);
            CloudMapService service = view.service(ctx.region(), serviceId)
                    .orElseThrow(() -> ServiceOperations.notFound(serviceId));
            checkAgainstService(service, attributes);
            var existing = view.instance(service, instanceId);
            if (existing.isPresent() && in.creatorRequestId() != null
                    && in.creatorRequestId().equals(existing.get().creatorRequestId())) {
                // only API registrations carry a CreatorRequestId, and they always record their operation
                if (existing.get().attributes().equals(attributes)) {
                    return new OperationIdResponse(existing.get().operationId());
                }
                throw new ServiceException("DuplicateRequest", "CreatorRequestId " + in.creatorRequestId()
                        + " already registered instance " + instanceId + " with other attributes; use a new"
                        + " CreatorRequestId to update it.",
                        Map.of("DuplicateOperationId", existing.get().operationId()));
            }
            CloudMapOperation op = state.recordOperation(tx, ctx.region(), CloudMapOperation.REGISTER_INSTANCE,
                    Map.of("SERVICE", service.id(), "INSTANCE", instanceId), ctx.receivedAt());
            tx.put(state.instances(), new CloudMapInstance(service.arn(), instanceId, in.creatorRequestId(),
                    Map.copyOf(attributes), CloudMapState.initialHealth(service, attributes), op.id(),
                    existing.map(CloudMapInstance::createDate).orElse(ctx.receivedAt())));
            return new OperationIdResponse(op.id());
        });
    }

    /** Attribute limits of spec §3.2: 30 custom attributes, keys ≤255, values ≤1024, 5000 characters in all. */
    private static void validAttributes(Map<String, String> attributes) {
        int total = 0;
        for (var e : attributes.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > 255) {
                throw Input.invalid("Attribute keys must be 1 to 255 characters long ('" + e.getKey() + "').");
            }
            Input.required((Object) e.getValue(), "Attributes." + e.getKey());
            Input.maxLength(e.getValue(), 1024, "Attributes." + e.getKey());
            total += e.getKey().length() + e.getValue().length();
        }
        long custom = attributes.keySet().stream().filter(k -> !RESERVED.contains(k)).count();
        if (custom > 30) {
            throw Input.invalid("At most 30 custom attributes are allowed (got " + custom + ").");
        }
        if (total > 5000) {
            throw Input.invalid("Attributes may hold at most 5000 characters of keys and values (got " + total + ").");
        }
        String ipv4 = attributes.get("AWS_INSTANCE_IPV4");
        if (ipv4 != null && !isAddress(ipv4, false)) {
            throw Input.invalid("AWS_INSTANCE_IPV4 '" + ipv4 + "' is not an IPv4 address such as 192.0.2.44.");
        }
        String ipv6 = attributes.get("AWS_INSTANCE_IPV6");
        if (ipv6 != null && !isAddress(ipv6, true)) {
            throw Input.invalid("AWS_INSTANCE_IPV6 '" + ipv6 + "' is not an IPv6 address such as 2001:db8::1.");
        }
        String port = attributes.get("AWS_INSTANCE_PORT");
        if (port != null && !port.matches("\\d{1,5}") || port != null && Integer.parseInt(port) > 65535) {
            throw Input.invalid("AWS_INSTANCE_PORT '" + port + "' is not a port number from 0 to 65535.");
        }
        Input.oneOf(attributes.get("AWS_INIT_HEALTH_STATUS"), CUSTOM_STATUS, "Attributes.AWS_INIT_HEALTH_STATUS");
    }

    private static boolean isAddress(String text, boolean v6) {
        try {
            if (v6) {
                Inet6Address.ofLiteral(text);
            } else {
                Inet4Address.ofLiteral(text);
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The attributes the service's DNS records need, so every record it answers has an address to give. */
    private static void checkAgainstService(CloudMapService service, Map<String, String> attributes) {
        if (attributes.containsKey("AWS_INIT_HEALTH_STATUS") && service.healthCheckCustomConfig() == null) {
            throw Input.invalid("AWS_INIT_HEALTH_STATUS applies only to services with a HealthCheckCustomConfig;"
                    + " service " + service.id() + " has none.");
        }
        if (service.dnsConfig() == null || attributes.containsKey("AWS_ALIAS_DNS_NAME")) {
            return;
        }
        Set<String> types = service.dnsConfig().dnsRecords().stream().map(CloudMapService.DnsRecord::type)
                .collect(Collectors.toSet());
        boolean v4 = attributes.containsKey("AWS_INSTANCE_IPV4");
        boolean v6 = attributes.containsKey("AWS_INSTANCE_IPV6");
        if (types.contains("A") && !types.contains("AAAA") && !v4) {
            throw missing(service, "A", "AWS_INSTANCE_IPV4");
        }
        if (types.contains("AAAA") && !types.contains("A") && !v6) {
            throw missing(service, "AAAA", "AWS_INSTANCE_IPV6");
        }
        if (types.contains("A") && types.contains("AAAA") && !v4 && !v6) {
            throw missing(service, "A and AAAA", "AWS_INSTANCE_IPV4 or AWS_INSTANCE_IPV6");
        }
        if (types.contains("SRV") && (!attributes.containsKey("AWS_INSTANCE_PORT") || !v4 && !v6)) {
            throw missing(service, "SRV", "AWS_INSTANCE_PORT and AWS_INSTANCE_IPV4 or AWS_INSTANCE_IPV6");
        }
        if (types.contains("CNAME") && !attributes.containsKey("AWS_INSTANCE_CNAME")) {
            throw missing(service, "CNAME", "AWS_INSTANCE_CNAME");
        }
    }

    private static ServiceException missing(CloudMapService service, String records, String attributes) {
        return Input.invalid("Service " + service.id() + " has " + records + " records, so the instance needs "
                + attributes + ".");
    }

    OperationIdResponse deregister(RequestContext ctx, InstanceRequest in) {
        String serviceId = serviceId(in.serviceId());
        String instanceId = instanceId(in.instanceId());
        return state.store().write(tx -> {
            CloudMapView view = state.in(tx);
            CloudMapService service = view.service(ctx.region(), serviceId)
                    .orElseThrow(() -> ServiceOperations.notFound(serviceId));
            CloudMapInstance instance = view.instance(service, instanceId)
                    .orElseThrow(() -> notFound(service, instanceId));
            tx.delete(state.instances(), instance.key());
            return new OperationIdResponse(state.recordOperation(tx, ctx.region(),
                    CloudMapOperation.DEREGISTER_INSTANCE, Map.of("SERVICE", service.id(), "INSTANCE", instanceId),
                    ctx.receivedAt()).id());
        });
    }

    ListInstancesResponse list(RequestContext ctx, ListInstancesRequest in) {
        String serviceId = serviceId(in.serviceId());
        CloudMapView view = state.read();
        CloudMapService service = view.service(ctx.region(), serviceId)
                .orElseThrow(() -> ServiceOperations.notFound(serviceId));
        Page<CloudMapInstance> page = Page.of(view.instances(service), CloudMapInstance::key, in.nextToken(),
                in.maxResults(), 100, 100, Input.INVALID);
        return new ListInstancesResponse(page.items().stream()
                .map(i -> new InstanceSummary(i.id(), i.attributes())).toList(), page.nextToken());
    }

    GetInstanceResponse get(RequestContext ctx, InstanceRequest in) {
        String serviceId = serviceId(in.serviceId());
        String instanceId = instanceId(in.instanceId());
        CloudMapView view = state.read();
        CloudMapService service = view.service(ctx.region(), serviceId)
                .orElseThrow(() -> ServiceOperations.notFound(serviceId));
        CloudMapInstance i = view.instance(service, instanceId).orElseThrow(() -> notFound(service, instanceId));
        return new GetInstanceResponse(new Instance(i.id(), i.creatorRequestId(), i.attributes()));
    }

    GetInstancesHealthStatusResponse healthStatus(RequestContext ctx, GetInstancesHealthStatusRequest in) {
        String serviceId = serviceId(in.serviceId());
        if (in.instances() != null) {
            if (in.instances().isEmpty()) {
                throw Input.invalid("Instances, when given, must name at least one instance.");
            }
            in.instances().forEach(this::instanceId);
        }
        CloudMapView view = state.read();
        CloudMapService service = view.service(ctx.region(), serviceId)
                .orElseThrow(() -> ServiceOperations.notFound(serviceId));
        if (in.instances() != null) {
            in.instances().stream().filter(id -> view.instance(service, id).isEmpty()).findFirst()
                    .ifPresent(id -> {
                        throw notFound(service, id);
                    });
        }
        Page<CloudMapInstance> page = Page.of(view.instances(service)
                        .filter(i -> in.instances() == null || in.instances().contains(i.id())),
                CloudMapInstance::key, in.nextToken(), in.maxResults(), 100, 100, Input.INVALID);
        Map<String, String> status = new LinkedHashMap<>();
        page.items().forEach(i -> status.put(i.id(), i.healthStatus(service)));
        return new GetInstancesHealthStatusResponse(status, page.nextToken());
    }

    Object updateCustomHealth(RequestContext ctx, UpdateInstanceCustomHealthStatusRequest in) {
        String serviceId = serviceId(in.serviceId());
        String instanceId = instanceId(in.instanceId());
        String status = Input.oneOf(Input.required(in.status(), "Status"), CUSTOM_STATUS, "Status");
        state.store().write(tx -> {
            CloudMapView view = state.in(tx);
            CloudMapService service = view.service(ctx.region(), serviceId)
                    .orElseThrow(() -> ServiceOperations.notFound(serviceId));
            CloudMapInstance i = view.instance(service, instanceId).orElseThrow(() -> notFound(service, instanceId));
            if (service.healthCheckCustomConfig() == null) {
                throw new ServiceException("CustomHealthNotFound", "Service " + service.id() + " has no"
                        + " HealthCheckCustomConfig, so its instances have no custom health status to set.");
            }
            if (!Objects.equals(status, i.customHealthStatus())) {
                tx.put(state.instances(), new CloudMapInstance(i.serviceArn(), i.id(), i.creatorRequestId(),
                        i.attributes(), status, i.operationId(), i.createDate()));
            }
            return null;
        });
        return null;
    }

    private String serviceId(String id) {
        Input.required(id, "ServiceId");
        Input.maxLength(id, 255, "ServiceId");
        return id;
    }

    private String instanceId(String id) {
        Input.required(id, "InstanceId");
        Input.maxLength(id, 64, "InstanceId");
        return id;
    }

    private static ServiceException notFound(CloudMapService service, String instanceId) {
        return new ServiceException("InstanceNotFound", "Service " + service.id() + " has no instance " + instanceId
                + ".");
    }
}
