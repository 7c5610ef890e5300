package dev.mooring.control.ecs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A service as the store keeps it: the wire shape plus what the control plane needs beside it.
 *
 * @param clientToken         CreateService's idempotency token, or null
 * @param namespaces          deployment id → the Cloud Map namespace ARN its Service Connect resolved to
 * @param cloudMapServices    Cloud Map services this service made for Service Connect and has not deleted yet
 * @param consecutiveFailures tasks that stopped on their own since the last one that reached RUNNING
 * @param launchNotBefore     backoff: the scheduler starts no task before this
 */
public record StoredService(Service service, String clientToken, Map<String, String> namespaces,
                            List<String> cloudMapServices, int consecutiveFailures, Instant launchNotBefore) {

    public String arn() {
        return service.serviceArn();
    }

    public StoredService with(Service changed) {
        return new StoredService(changed, clientToken, namespaces, cloudMapServices, consecutiveFailures,
                launchNotBefore);
    }

    public StoredService with(Map<String, String> newNamespaces, List<String> newCloudMapServices) {
        return new StoredService(service, clientToken, Map.copyOf(newNamespaces), List.copyOf(newCloudMapServices),
                consecutiveFailures, launchNotBefore);
    }

    public StoredService withBackoff(int failures, Instant notBefore) {
        return new StoredService(service, clientToken, namespaces, cloudMapServices, failures, notBefore);
    }
}
