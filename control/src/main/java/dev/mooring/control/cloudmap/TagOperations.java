package dev.mooring.control.cloudmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mooring.core.operation.ServiceException;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.control.ResourceTags;
import dev.mooring.control.Tag;
import dev.mooring.store.Tx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TagResource, UntagResource and ListTagsForResource on namespaces and services, and the tag rules creates share. */
final class TagOperations {
    /** Cloud Map's per-resource tag quota. */
    static final int MAX_TAGS = 50;

    record TagResourceRequest(@JsonProperty("ResourceARN") String resourceArn,
                              List<Tag> tags) {}

    record UntagResourceRequest(@JsonProperty("ResourceARN") String resourceArn,
                                List<String> tagKeys) {}

    record ListTagsForResourceRequest(
            @JsonProperty("ResourceARN") String resourceArn) {}

    record ListTagsForResourceResponse(List<Tag> tags) {}

    private final CloudMapState state;

    TagOperations(CloudMapState state) {
        this.state = state;
    }

    /** Checks tags given to a create or TagResource call. */
    static void validate(List<Tag> tags) {
        if (tags == null) {
            return;
        }
        for (Tag tag : tags) {
            Input.required(tag, "Tags[]");
            Input.required(tag.key(), "Tags[].Key");
            Input.maxLength(tag.key(), 128, "Tags[].Key");
            Input.required((Object) tag.value(), "Tags[].Value of " + tag.key());
            Input.maxLength(tag.value(), 256, "Tags[].Value of " + tag.key());
            if (tag.key().startsWith("aws:")) {
                throw Input.invalid("Tag key '" + tag.key() + "' uses the reserved prefix aws:.");
            }
        }
    }

    /** Merges {@code added} into the resource's tags (a key given again replaces its value). */
    void put(Tx tx, String resourceArn, List<Tag> added) {
        if (added == null || added.isEmpty()) {
            return;
        }
        Map<String, String> merged = new LinkedHashMap<>();
        state.in(tx).tags(resourceArn).forEach(t -> merged.put(t.key(), t.value()));
        added.forEach(t -> merged.put(t.key(), t.value()));
        if (merged.size() > MAX_TAGS) {
            throw new ServiceException("TooManyTagsException", "A resource can have at most " + MAX_TAGS
                    + " tags; this would give " + resourceArn + " " + merged.size() + ".",
                    Map.of("ResourceName", resourceArn));
        }
        tx.put(state.tags(), new ResourceTags(resourceArn,
                merged.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList()));
    }

    Object tagResource(RequestContext ctx, TagResourceRequest in) {
        String arn = Input.required(in.resourceArn(), "ResourceARN");
        Input.required(in.tags(), "Tags");
        validate(in.tags());
        state.store().write(tx -> {
            requireResource(tx, ctx, arn);
            put(tx, arn, in.tags());
            return null;
        });
        return null;
    }

    Object untagResource(RequestContext ctx, UntagResourceRequest in) {
        String arn = Input.required(in.resourceArn(), "ResourceARN");
        List<String> keys = Input.required(in.tagKeys(), "TagKeys");
        state.store().write(tx -> {
            requireResource(tx, ctx, arn);
            List<Tag> kept = state.in(tx).tags(arn).stream().filter(t -> !keys.contains(t.key())).toList();
            if (kept.isEmpty()) {
                tx.delete(state.tags(), arn);
            } else {
                tx.put(state.tags(), new ResourceTags(arn, kept));
            }
            return null;
        });
        return null;
    }

    ListTagsForResourceResponse listTagsForResource(RequestContext ctx, ListTagsForResourceRequest in) {
        String arn = Input.required(in.resourceArn(), "ResourceARN");
        CloudMapView view = state.read();
        if (!exists(view, ctx, arn)) {
            throw notFound(arn);
        }
        return new ListTagsForResourceResponse(view.tags(arn));
    }

    private void requireResource(Tx tx, RequestContext ctx, String arn) {
        if (!exists(state.in(tx), ctx, arn)) {
            throw notFound(arn);
        }
    }

    private static boolean exists(CloudMapView view, RequestContext ctx, String arn) {
        return arn.startsWith("arn:")
                && (view.namespace(ctx.region(), arn).isPresent() || view.service(ctx.region(), arn).isPresent());
    }

    private static ServiceException notFound(String arn) {
        return new ServiceException("ResourceNotFoundException", "No Cloud Map namespace or service " + arn
                + " in this region; give the ARN of a namespace or service.");
    }
}
