package dev.mooring.control.ecs;

import dev.mooring.control.Tag;
import dev.mooring.store.Tx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tags a task gets when it is launched: its own (RunTask's {@code tags}), then those {@code propagateTags}
 * copies from the task definition or the service (an own tag keeps its value), then, with
 * {@code enableECSManagedTags}, ECS's managed {@code aws:ecs:clusterName} and, for service tasks,
 * {@code aws:ecs:serviceName}. Propagation happens once, at launch, as in ECS.
 */
public final class TaskTags {
    public static final Set<String> PROPAGATE_TAGS = Set.of("TASK_DEFINITION", "SERVICE", "NONE");

    private TaskTags() {}

    /** @param serviceArn the service launching the task, or null for RunTask */
    public static List<Tag> atLaunch(Tx tx, EcsState ecs, Task task, List<Tag> own, String propagateTags,
                                     Boolean managed, String serviceArn) {
        Map<String, Tag> tags = new LinkedHashMap<>();
        if (own != null) {
            own.forEach(t -> tags.put(t.key(), t));
        }
        String source = switch (propagateTags == null ? "NONE" : propagateTags) {
            case "TASK_DEFINITION" -> task.taskDefinitionArn();
            case "SERVICE" -> serviceArn;
            default -> null;
        };
        if (source != null) {
            tx.get(ecs.tables().tags(), source).ifPresent(r -> r.tags().forEach(t -> tags.putIfAbsent(t.key(), t)));
        }
        if (Boolean.TRUE.equals(managed)) {
            tags.put("aws:ecs:clusterName", new Tag("aws:ecs:clusterName", Arns.lastSegment(task.clusterArn())));
            if (serviceArn != null) {
                tags.put("aws:ecs:serviceName", new Tag("aws:ecs:serviceName", Arns.lastSegment(serviceArn)));
            }
        }
        return List.copyOf(tags.values());
    }
}
