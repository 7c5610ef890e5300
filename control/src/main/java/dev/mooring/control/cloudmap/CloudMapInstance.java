package dev.mooring.control.cloudmap;

import java.time.Instant;
import java.util.Map;

/**
 * A registered instance as stored (not a wire shape: operations answer with Instance, InstanceSummary or
 * HttpInstanceSummary views of it). {@code customHealthStatus} is only set for services with a
 * HealthCheckCustomConfig; {@code operationId} is the REGISTER_INSTANCE operation, which a retry with the same
 * CreatorRequestId answers again.
 */
public record CloudMapInstance(String serviceArn, String id, String creatorRequestId, Map<String, String> attributes,
                               String customHealthStatus, String operationId, Instant createDate) {

    public static final String HEALTHY = "HEALTHY";
    public static final String UNHEALTHY = "UNHEALTHY";
    public static final String UNKNOWN = "UNKNOWN";

    /** Instances sort under their service's ARN; '|' can be in neither an ARN nor an instance id. */
    public static String key(String serviceArn, String instanceId) {
        return serviceArn + "|" + instanceId;
    }

    public static String keyPrefix(String serviceArn) {
        return serviceArn + "|";
    }

    public String key() {
        return key(serviceArn, id);
    }

    /**
     * HEALTHY or UNHEALTHY under a custom health check; HEALTHY under a Route 53 health check, which Mooring does not
     * run; UNKNOWN for a service without health checking (service-connect-spec §3.2 DiscoverInstances example).
     */
    public String healthStatus(CloudMapService service) {
        if (service.healthCheckCustomConfig() != null) {
            return customHealthStatus == null ? HEALTHY : customHealthStatus;
        }
        return service.healthCheckConfig() != null ? HEALTHY : UNKNOWN;
    }
}
