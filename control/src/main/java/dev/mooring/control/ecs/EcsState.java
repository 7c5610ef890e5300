package dev.mooring.control.ecs;

import dev.mooring.control.ResourceTags;
import dev.mooring.control.Tag;
import dev.mooring.control.cloudmap.CloudMapCatalog;
import dev.mooring.store.Store;
import dev.mooring.store.Tx;
import java.util.List;

/**
 * What every ECS operation works on: the store, its tables, the resolver, Cloud Map, and the target groups of Elastic
 * Load Balancing that services' {@code loadBalancers} name.
 */
public record EcsState(Store store, EcsTables tables, Resolver resolver, CloudMapCatalog cloudMap,
                       LoadBalancing loadBalancing) {

    public static EcsState open(Store store, CloudMapCatalog cloudMap, LoadBalancing loadBalancing) {
        EcsTables tables = EcsTables.declare(store);
        return new EcsState(store, tables, new Resolver(tables), cloudMap, loadBalancing);
    }

    /** The {@code []} AWS answers for list members a client left out, such as a task definition's volumes. */
    public com.fasterxml.jackson.databind.JsonNode emptyArray() {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }

    public List<Tag> tagsOf(String arn) {
        return tables.tags().get(arn).map(ResourceTags::tags).orElse(List.of());
    }

    public void putTags(Tx tx, String arn, List<Tag> tags) {
        if (tags != null && !tags.isEmpty()) {
            tx.put(tables.tags(), new ResourceTags(arn, List.copyOf(tags)));
        }
    }

    /** null when the list is empty, so that an untagged resource shows no {@code tags} member. */
    public static List<Tag> orNull(List<Tag> tags) {
        return tags == null || tags.isEmpty() ? null : tags;
    }
}
