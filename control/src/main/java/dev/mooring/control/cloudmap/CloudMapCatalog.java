package dev.mooring.control.cloudmap;

import dev.mooring.store.Tx;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What ECS asks of Cloud Map, inside ECS's own store write so that an ECS change and the Cloud Map resources it
 * implies commit together or not at all.
 */
public interface CloudMapCatalog {
    /** A namespace of {@code region} by name or ARN (service-connect-spec §4.1: SC accepts either). */
    Optional<Namespace> findNamespace(Tx tx, String region, String nameOrArn);

    /**
     * The HTTP namespace ECS makes for a cluster default given by a new name (§4.2): CreatorRequestId and HttpName
     * are the name.
     */
    Namespace createHttpNamespace(Tx tx, String region, String accountId, String name, Instant now);

    /**
     * The Service Connect service {@code name} in the namespace: an API-only (type HTTP, no DnsConfig) Cloud Map
     * service, created on first use and reused after (§4.3).
     */
    CloudMapService ensureHttpService(Tx tx, Namespace namespace, String name, Instant now);

    Optional<CloudMapService> findServiceByArn(Tx tx, String region, String arn);

    /** Deletes a Cloud Map service that no longer has instances; returns false (and keeps it) while it has some. */
    boolean deleteServiceIfEmpty(Tx tx, String serviceArn);

    /** Registers or replaces an instance (ECS uses the task id as instance id). */
    void registerInstance(Tx tx, CloudMapService service, String instanceId, Map<String, String> attributes,
                          Instant now);

    void deregisterInstance(Tx tx, CloudMapService service, String instanceId);
}
