package dev.mooring.control.scheduler;

import dev.mooring.control.Arn;
import dev.mooring.control.ecs.Arns;
import dev.mooring.control.ecs.ContainerDefinition;
import dev.mooring.control.ecs.KeyValuePair;
import dev.mooring.control.ecs.Task;
import dev.mooring.control.ecs.TaskDefinition;
import dev.mooring.control.ecs.TaskSize;
import dev.mooring.task.ContainerLaunch;
import dev.mooring.task.DependencyCondition;
import dev.mooring.task.TaskLaunch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Resolves a task definition and a task's overrides into the {@link TaskLaunch} a runtime needs. */
final class LaunchPlanner {
    TaskLaunch plan(Task task, TaskDefinition td) {
        List<Task.ContainerOverride> overrides = task.overrides() == null
                || task.overrides().containerOverrides() == null ? List.of() : task.overrides().containerOverrides();
        List<ContainerLaunch> containers = td.containerDefinitions().stream()
                .map(c -> container(c, overrides.stream().filter(o -> c.name().equals(o.name())).findFirst()
                        .orElse(null)))
                .toList();
        List<TaskLaunch.HostEntry> hosts = td.containerDefinitions().stream()
                .flatMap(c -> c.extraHosts() == null ? java.util.stream.Stream.empty() : c.extraHosts().stream())
                .map(h -> new TaskLaunch.HostEntry(h.hostname(), h.ipAddress())).distinct().toList();
        return new TaskLaunch(task.taskArn(), task.taskId(), Arn.region(task.taskArn()),
                Arns.lastSegment(task.clusterArn()), td.family(), td.revision(), containers, hosts,
                cpuUnits(task.cpu()), memoryMiB(task.memory()));
    }

    private static ContainerLaunch container(ContainerDefinition c, Task.ContainerOverride o) {
        Map<String, String> env = new LinkedHashMap<>();
        addAll(env, c.environment());
        if (o != null) {
            addAll(env, o.environment());
        }
        ContainerDefinition.HealthCheck hc = c.healthCheck();
        ContainerLaunch.HealthCheck health = hc == null ? null : new ContainerLaunch.HealthCheck(hc.command(),
                or(hc.interval(), 30), or(hc.timeout(), 5), or(hc.retries(), 3), or(hc.startPeriod(), 0));
        List<ContainerLaunch.Dependency> deps = c.dependsOn() == null ? List.of() : c.dependsOn().stream()
                .map(d -> new ContainerLaunch.Dependency(d.containerName(),
                        DependencyCondition.valueOf(d.condition()))).toList();
        List<ContainerLaunch.Port> ports = c.portMappings() == null ? List.of() : c.portMappings().stream()
                .filter(p -> p.containerPort() != null)
                .map(p -> new ContainerLaunch.Port(p.name(), p.containerPort(), p.protocol(), p.appProtocol()))
                .toList();
        Integer cpu = o != null && o.cpu() != null ? o.cpu() : c.cpu();
        Integer memory = o != null && o.memory() != null ? o.memory()
                : c.memory() != null ? c.memory() : c.memoryReservation();
        Map<String, String> logOptions = c.logConfiguration() != null
                && "awslogs".equals(c.logConfiguration().logDriver()) && c.logConfiguration().options() != null
                ? c.logConfiguration().options() : Map.of();
        return new ContainerLaunch(c.name(), c.image(), c.entryPoint(),
                o != null && o.command() != null ? o.command() : c.command(), env, c.workingDirectory(),
                c.essential() == null || c.essential(), deps, health, or(c.stopTimeout(), 30), c.user(), ports, cpu,
                memory, logOptions.get("awslogs-group"), logOptions.get("awslogs-stream-prefix"));
    }

    private static void addAll(Map<String, String> env, List<KeyValuePair> pairs) {
        if (pairs != null) {
            pairs.stream().filter(Objects::nonNull).filter(p -> p.name() != null)
                    .forEach(p -> env.put(p.name(), p.value() == null ? "" : p.value()));
        }
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** Sizes were validated when the task was made; one that is not a size fails the launch, not the pass. */
    private static Integer cpuUnits(String cpu) {
        return cpu == null ? null : TaskSize.cpuUnits(cpu)
                .orElseThrow(() -> new IllegalArgumentException("task cpu '" + cpu + "' is not a CPU size"));
    }

    private static Integer memoryMiB(String memory) {
        return memory == null ? null : TaskSize.memoryMiB(memory)
                .orElseThrow(() -> new IllegalArgumentException("task memory '" + memory + "' is not a memory size"));
    }
}
