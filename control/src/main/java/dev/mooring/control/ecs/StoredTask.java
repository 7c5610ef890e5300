package dev.mooring.control.ecs;

import java.util.List;

/**
 * A task as the store keeps it: the wire shape plus what the control plane needs beside it.
 *
 * @param serviceArn    the service that started it, or null for RunTask tasks
 * @param clientToken   RunTask's idempotency token, or null
 * @param registrations Cloud Map service ARNs this task is registered in as an instance (id = task id)
 * @param acknowledged  the service scheduler has accounted for this task's stop (event, failure count)
 */
public record StoredTask(Task task, String serviceArn, String clientToken, List<String> registrations,
                         boolean acknowledged) {

    public String arn() {
        return task.taskArn();
    }

    public StoredTask with(Task changed) {
        return new StoredTask(changed, serviceArn, clientToken, registrations, acknowledged);
    }

    public StoredTask withRegistrations(List<String> now) {
        return new StoredTask(task, serviceArn, clientToken, List.copyOf(now), acknowledged);
    }

    public StoredTask acknowledge() {
        return new StoredTask(task, serviceArn, clientToken, registrations, true);
    }
}
