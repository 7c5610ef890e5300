package dev.mooring.control.cloudmap;

import dev.mooring.core.operation.RequestContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DiscoverInstances (spec §3.2): a namespace's HttpName and a service name in, healthy instances out, in random
 * order so callers spread their traffic. botocore sends it to {@code data-<host>}; routing ignores the Host header.
 */
final class DiscoverInstancesOperation {
    private static final Pattern NAMESPACE_NAME = Pattern.compile("^[!-~]{1,1024}$");
    private static final String HEALTHY_OR_ELSE_ALL = "HEALTHY_OR_ELSE_ALL";

    record DiscoverInstancesRequest(String namespaceName, String serviceName, Integer maxResults,
                                    Map<String, String> queryParameters, Map<String, String> optionalParameters,
                                    String healthStatus) {}

    record HttpInstanceSummary(String instanceId, String namespaceName, String serviceName, String healthStatus,
                               Map<String, String> attributes) {}

    record DiscoverInstancesResponse(List<HttpInstanceSummary> instances, Long instancesRevision) {}

    record DiscoverInstancesRevisionRequest(String namespaceName, String serviceName, String ownerAccount) {}

    record DiscoverInstancesRevisionResponse(Long instancesRevision) {}

    private final CloudMapState state;

    DiscoverInstancesOperation(CloudMapState state) {
        this.state = state;
    }

    DiscoverInstancesResponse discover(RequestContext ctx, DiscoverInstancesRequest in) {
        String namespaceName = Input.required(in.namespaceName(), "NamespaceName");
        Input.matches(namespaceName, NAMESPACE_NAME, "NamespaceName", "1 to 1024 printable ASCII characters");
        String serviceName = Input.required(in.serviceName(), "ServiceName");
        Input.range(in.maxResults(), 1, 1000, "MaxResults");
        String wanted = Input.oneOf(in.healthStatus() == null ? CloudMapInstance.HEALTHY : in.healthStatus(),
                Set.of(CloudMapInstance.HEALTHY, CloudMapInstance.UNHEALTHY, "ALL", HEALTHY_OR_ELSE_ALL),
                "HealthStatus");
        CloudMapView view = state.read();
        Namespace ns = view.namespaceByHttpName(ctx.region(), namespaceName)
                .orElseThrow(() -> NamespaceOperations.notFound(namespaceName));
        CloudMapService service = view.serviceByName(ns, serviceName)
                .orElseThrow(() -> ServiceOperations.notFound(serviceName + " in namespace " + namespaceName));
        Map<String, String> query = in.queryParameters() == null ? Map.of() : in.queryParameters();
        List<HttpInstanceSummary> found = view.instances(service)
                .filter(i -> matches(i.attributes(), query))
                .map(i -> new HttpInstanceSummary(i.id(), namespaceName, service.name(), i.healthStatus(service),
                        i.attributes()))
                .toList();
        found = byHealth(found, wanted);
        if (in.optionalParameters() != null && !in.optionalParameters().isEmpty()) {
            // optional parameters narrow the answer only when something still matches them
            List<HttpInstanceSummary> narrowed = found.stream()
                    .filter(i -> matches(i.attributes(), in.optionalParameters())).toList();
            if (!narrowed.isEmpty()) {
                found = narrowed;
            }
        }
        List<HttpInstanceSummary> shuffled = new ArrayList<>(found);
        Collections.shuffle(shuffled);
        int max = in.maxResults() == null ? 100 : in.maxResults();
        return new DiscoverInstancesResponse(List.copyOf(shuffled.subList(0, Math.min(max, shuffled.size()))),
                revision(view, service));
    }

    /** The revision of a service's instances: it changes whenever an instance, its attributes or health do. */
    DiscoverInstancesRevisionResponse revision(RequestContext ctx, DiscoverInstancesRevisionRequest in) {
        String namespaceName = Input.required(in.namespaceName(), "NamespaceName");
        Input.matches(namespaceName, NAMESPACE_NAME, "NamespaceName", "1 to 1024 printable ASCII characters");
        String serviceName = Input.required(in.serviceName(), "ServiceName");
        CloudMapView view = state.read();
        Namespace ns = view.namespaceByHttpName(ctx.region(), namespaceName)
                .orElseThrow(() -> NamespaceOperations.notFound(namespaceName));
        CloudMapService service = view.serviceByName(ns, serviceName)
                .orElseThrow(() -> ServiceOperations.notFound(serviceName + " in namespace " + namespaceName));
        return new DiscoverInstancesRevisionResponse(revision(view, service));
    }

    /**
     * A digest of what DiscoverInstances would answer, as a positive number. AWS counts changes up; clients only
     * compare revisions for equality, which a digest of the content answers without a counter to keep.
     */
    private static long revision(CloudMapView view, CloudMapService service) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        view.instances(service).sorted(java.util.Comparator.comparing(CloudMapInstance::id)).forEach(i -> {
            crc.update((i.id() + '\u0000' + new java.util.TreeMap<>(i.attributes()) + '\u0000'
                    + i.healthStatus(service) + '\u0001').getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        return crc.getValue() + 1;
    }

    /** The health filter is ignored for instances without health checking (UNKNOWN), as on AWS. */
    private static List<HttpInstanceSummary> byHealth(List<HttpInstanceSummary> all, String wanted) {
        return switch (wanted) {
            case "ALL" -> all;
            case HEALTHY_OR_ELSE_ALL -> {
                List<HttpInstanceSummary> healthy = byHealth(all, CloudMapInstance.HEALTHY);
                yield healthy.isEmpty() ? all : healthy;
            }
            default -> all.stream().filter(i -> CloudMapInstance.UNKNOWN.equals(i.healthStatus())
                    || wanted.equals(i.healthStatus())).toList();
        };
    }

    private static boolean matches(Map<String, String> attributes, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(attributes.get(e.getKey())));
    }
}
