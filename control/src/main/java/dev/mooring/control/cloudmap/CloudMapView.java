package dev.mooring.control.cloudmap;

import dev.mooring.control.Arn;
import dev.mooring.control.ResourceTags;
import dev.mooring.control.Tag;
import dev.mooring.store.Table;
import dev.mooring.store.Tx;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Cloud Map queries over either the committed tables (lock-free reads) or a write's pending view of them, so the
 * same lookups serve Get/List operations and the validation inside a write. Streams come in key order.
 */
public final class CloudMapView {
    private final CloudMapState state;
    private final Tx tx;

    CloudMapView(CloudMapState state, Tx tx) {
        this.state = state;
        this.tx = tx;
    }

    private <T> Optional<T> get(Table<T> table, String key) {
        return tx == null ? table.get(key) : tx.get(table, key);
    }

    private <T> Stream<T> prefixed(Table<T> table, String prefix) {
        if (tx == null) {
            return table.withPrefix(prefix);
        }
        return tx.stream(table).filter(v -> table.keyOf(v).startsWith(prefix))
                .sorted(Comparator.comparing(table::keyOf));
    }

    /** A namespace of the region by id or ARN; an ARN of another region or account finds nothing. */
    public Optional<Namespace> namespace(String region, String idOrArn) {
        if (idOrArn == null) {
            return Optional.empty();
        }
        String arn = idOrArn.startsWith("arn:") ? idOrArn : state.arn(region, "namespace/" + idOrArn);
        return arn.startsWith(state.arn(region, "namespace/")) ? get(state.namespaces(), arn) : Optional.empty();
    }

    public Stream<Namespace> namespaces(String region) {
        return prefixed(state.namespaces(), state.arn(region, "namespace/"));
    }

    public Optional<Namespace> namespaceByName(String region, String name) {
        return namespaces(region).filter(n -> n.name().equals(name)).findFirst();
    }

    /** DiscoverInstances names a namespace by its HttpName (spec §3.2). */
    public Optional<Namespace> namespaceByHttpName(String region, String httpName) {
        return namespaces(region).filter(n -> httpName.equals(CloudMapState.httpName(n))).findFirst();
    }

    public Optional<CloudMapService> service(String region, String idOrArn) {
        if (idOrArn == null) {
            return Optional.empty();
        }
        String arn = idOrArn.startsWith("arn:") ? idOrArn : state.arn(region, "service/" + idOrArn);
        return arn.startsWith(state.arn(region, "service/")) ? get(state.services(), arn) : Optional.empty();
    }

    public Stream<CloudMapService> services(String region) {
        return prefixed(state.services(), state.arn(region, "service/"));
    }

    public Stream<CloudMapService> servicesIn(Namespace namespace) {
        return services(Arn.region(namespace.arn()))
                .filter(s -> s.namespaceId().equals(namespace.id()));
    }

    public Optional<CloudMapService> serviceByName(Namespace namespace, String name) {
        return servicesIn(namespace).filter(s -> s.name().equals(name)).findFirst();
    }

    public Stream<CloudMapInstance> instances(CloudMapService service) {
        return prefixed(state.instances(), CloudMapInstance.keyPrefix(service.arn()));
    }

    public Optional<CloudMapInstance> instance(CloudMapService service, String instanceId) {
        return instanceId == null ? Optional.empty()
                : get(state.instances(), CloudMapInstance.key(service.arn(), instanceId));
    }

    public Optional<CloudMapOperation> operation(String region, String id) {
        return id == null ? Optional.empty() : get(state.operations(), CloudMapOperation.key(region, id));
    }

    public Stream<CloudMapOperation> operations(String region) {
        return prefixed(state.operations(), CloudMapOperation.key(region, ""));
    }

    public List<Tag> tags(String resourceArn) {
        return get(state.tags(), resourceArn).map(ResourceTags::tags).orElse(List.of());
    }

    /** The namespace as operations answer it: with its current ServiceCount. */
    public Namespace withCount(Namespace namespace) {
        return namespace.withServiceCount((int) servicesIn(namespace).count());
    }

    /** The service as operations answer it: with its current InstanceCount. */
    public CloudMapService withCount(CloudMapService service) {
        return service.withInstanceCount((int) instances(service).count());
    }
}
