package dev.mooring.control.scheduler;

import dev.mooring.control.ecs.KeyValuePair;
import dev.mooring.control.ecs.ServiceConnectContainer;
import dev.mooring.control.ecs.Task;
import dev.mooring.control.ecs.TaskBuilder;
import dev.mooring.task.ContainerStatus;
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
            if (seen == null && ServiceConnectContainer.is(c.name())) {
                seen = serviceConnect(c.name(), o.lastStatus());
            }
            if (seen == null) {
                out.add(c.withNetworkInterfaces(nics));
                continue;
            }
            TaskObservation.ContainerObservation s = seen;
            out.add(c.with(b -> b.lastStatus(s.lastStatus()).exitCode(s.exitCode()).reason(s.reason())
                    .networkInterfaces(nics)
                    .runtimeId(s.pid() != null ? s.pid().toString() : c.runtimeId())
                    .healthStatus(s.healthStatus() != null ? s.healthStatus() : c.healthStatus())));
        }
        return out;
    }

    /**
     * The Service Connect container has no process: its proxy lives in the server and runs exactly while the task's
     * network does, so it follows the task and is HEALTHY while the task runs (spec §4.3).
     */
    private static TaskObservation.ContainerObservation serviceConnect(String name, TaskStatus task) {
        return switch (task) {
            case PROVISIONING, PENDING -> new TaskObservation.ContainerObservation(name, ContainerStatus.PENDING,
                    null, null, HealthStatus.UNKNOWN, null);
            case RUNNING -> new TaskObservation.ContainerObservation(name, ContainerStatus.RUNNING, null, null,
                    HealthStatus.HEALTHY, null);
            case DEPROVISIONING, STOPPED -> new TaskObservation.ContainerObservation(name, ContainerStatus.STOPPED,
                    null, null, HealthStatus.HEALTHY, null);
        };
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
            if (ServiceConnectContainer.ATTACHMENT_TYPE.equals(a.type())) {
                return new Task.Attachment(a.id(), a.type(), status, a.details());
            }
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
