package dev.mooring.control.ecs;

import dev.mooring.core.operation.ServiceException;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.control.ResourceTags;
import dev.mooring.control.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TagResource, UntagResource, ListTagsForResource for clusters, services, tasks and task definitions. */
final class TagOperations {
    private final EcsState ecs;

    TagOperations(EcsState ecs) {
        this.ecs = ecs;
    }

    Object tag(RequestContext ctx, Requests.TagResource in) {
        String arn = Validation.require(in.resourceArn(), "resourceArn");
        Validation.require(in.tags(), "tags");
        Validation.tags(in.tags(), "tags");
        ecs.store().write(tx -> {
            requireResource(ctx, arn);
            Map<String, Tag> merged = new LinkedHashMap<>();
            tx.get(ecs.tables().tags(), arn).ifPresent(t -> t.tags().forEach(tag -> merged.put(tag.key(), tag)));
            in.tags().forEach(tag -> merged.put(tag.key(), tag));
            if (merged.size() > 50) {
                throw Errors.invalid("The resource would have " + merged.size() + " tags; at most 50 are allowed.");
            }
            tx.put(ecs.tables().tags(), new ResourceTags(arn, List.copyOf(merged.values())));
            return null;
        });
        return null;
    }

    Object untag(RequestContext ctx, Requests.UntagResource in) {
        String arn = Validation.require(in.resourceArn(), "resourceArn");
        List<String> keys = Validation.require(in.tagKeys(), "tagKeys");
        ecs.store().write(tx -> {
            requireResource(ctx, arn);
            tx.get(ecs.tables().tags(), arn).ifPresent(t -> {
                List<Tag> kept = t.tags().stream().filter(tag -> !keys.contains(tag.key())).toList();
                if (kept.size() != t.tags().size()) {
                    tx.put(ecs.tables().tags(), new ResourceTags(arn, kept));
                }
            });
            return null;
        });
        return null;
    }

    Responses.ListTags list(RequestContext ctx, Requests.ListTagsForResource in) {
        String arn = Validation.require(in.resourceArn(), "resourceArn");
        requireResource(ctx, arn);
        return new Responses.ListTags(ecs.tagsOf(arn));
    }

    /** The ARN must name an existing cluster, service, task or task definition of this region. */
    private void requireResource(RequestContext ctx, String arn) {
        String prefix = Arns.prefix(ctx);
        if (!arn.startsWith("arn:aws:ecs:")) {
            throw Errors.invalid("resourceArn '" + arn + "' is not an ECS ARN.");
        }
        String rest = arn.startsWith(prefix) ? arn.substring(prefix.length()) : "";
        boolean exists = switch (rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : "") {
            case "cluster" -> ecs.tables().clusters().get(arn).isPresent();
            case "service" -> ecs.tables().services().get(arn).isPresent();
            case "task" -> ecs.tables().tasks().get(arn).isPresent();
            case "task-definition" -> ecs.tables().taskDefinitions().get(arn).isPresent();
            default -> false;
        };
        if (!exists) {
            throw new ServiceException("ResourceNotFoundException", "No ECS resource " + arn + " in " + ctx.region()
                    + ". Tag clusters, services, tasks and task definitions by their full ARN.");
        }
    }
}
