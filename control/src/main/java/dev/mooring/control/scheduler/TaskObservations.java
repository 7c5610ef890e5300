package dev.mooring.control.scheduler;

import dev.mooring.control.ecs.KeyValuePair;
import dev.mooring.control.ecs.Task;
import dev.mooring.control.ecs.TaskBuilder;
import dev.mooring.task.HealthStatus;
import dev.mooring.task.StopCode;
import dev.mooring.task.TaskObservation;
import dev.mooring.task.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Copies what a runtime observed into the task, in ECS's terms (lastStatus, timestamps, ENI, stop code). */
final class TaskObservations {
    private TaskObservations() {}

    static Task apply(Task t, TaskObservation o, Instant now) {
        TaskBuilder b = t.toBuilder()
                .lastStatus(o.lastStatus())
                .pullStartedAt(o.pullStartedAt())
                .pullStoppedAt(o.pullStoppedAt())
                .startedAt(o.startedAt())
                .stoppingAt(o.stoppingAt() != null ? o.stoppingAt() : t.stoppingAt())
                .stoppedAt(o.stoppedAt())
                .executionStoppedAt(o.stoppedAt())
                .healthStatus(o.healthStatus() == null ? HealthStatus.UNKNOWN : o.healthStatus())
                .containers(containers(t, o))
                .attachments(attachments(t, o));
        if (o.privateIpv4() != null && t.connectivity() == null) {
            b.connectivity("CONNECTED").connectivityAt(now);
        }
        if (o.lastStatus().isEnding() && t.desiredStatus() == TaskStatus.RUNNING) {
            // it stopped on its own: the runtime's code and reason say why (spec §2.2 Task.stopCode)
            b.desiredStatus(TaskStatus.STOPPED)
                    .stopCode(o.stopCode() != null ? o.stopCode() : StopCode.ESSENTIAL_CONTAINER_EXITED)
                    .stoppedReason(o.stoppedReason() != null ? o.stoppedReason()
                            : "Essential container in task exited");
        }
        return b.build();
    }

    private static List<Task.Container> containers(Task t, TaskObservation o) {
        String eniId = eni(t).map(Task.Attachment::id).orElse(null);
        List<Task.NetworkInterface> nics = o.privateIpv4() == null ? List.of()
                : List.of(new Task.NetworkInterface(eniId, o.privateIpv4(), null));
        List<Task.Container> out = new ArrayList<>();
        for (Task.Container c : t.containers()) {
            TaskObservation.ContainerObservation seen = o.containers() == null ? null : o.containers().stream()
                    .filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
            if (seen == null) {
                out.add(c.withNetworkInterfaces(nics));
                continue;
            }
            out.add(c.with(b -> b.lastStatus(seen.lastStatus()).exitCode(seen.exitCode()).reason(seen.reason())
                    .networkInterfaces(nics)
                    .runtimeId(seen.pid() != null ? seen.pid().toString() : c.runtimeId())
                    .healthStatus(seen.healthStatus() != null ? seen.healthStatus() : c.healthStatus())));
        }
        return out;
    }

    private static java.util.Optional<Task.Attachment> eni(Task t) {
        return t.attachments().stream().filter(a -> "ElasticNetworkInterface".equals(a.type())).findFirst();
    }

    /** The task's ElasticNetworkInterface as Fargate shows it: its status follows the task, its details the IP. */
    private static List<Task.Attachment> attachments(Task t, TaskObservation o) {
        String status = switch (o.lastStatus()) {
            case PROVISIONING -> "PRECREATED";
            case PENDING, RUNNING -> "ATTACHED";
            case DEPROVISIONING -> "DETACHING";
            case STOPPED -> "DELETED";
        };
        return t.attachments().stream().map(a -> {
            if (!"ElasticNetworkInterface".equals(a.type())) {
                return a;
            }
            List<KeyValuePair> details = o.privateIpv4() == null ? a.details() : List.of(
                    new KeyValuePair("subnetId", "subnet-mooring"),
                    new KeyValuePair("networkInterfaceId", "eni-" + t.taskId().substring(0, 17)),
                    new KeyValuePair("privateDnsName", o.hostname()),
                    new KeyValuePair("privateIPv4Address", o.privateIpv4()));
            return new Task.Attachment(a.id(), a.type(), status, details);
        }).toList();
    }
}
