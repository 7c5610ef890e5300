package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Set;

/**
 * What Fargate and EC2 demand of a task definition, with AWS's error codes and texts (issue 10): Fargate takes awsvpc
 * only, a task-level cpu and memory from its table of valid pairs, and pidMode {@code task} only; on EC2 each
 * container needs memory or memoryReservation when the task sets no memory.
 */
final class LaunchRules {
    static final String FARGATE = "FARGATE";
    static final String EC2 = "EC2";
    private static final Set<String> FARGATE_LAUNCHES = Set.of("FARGATE", "FARGATE_SPOT");

    private LaunchRules() {}

    /** Fargate's valid cpu and memory pairs (Linux): memory from..to MiB in steps, per cpu units. */
    private record Sizes(int cpu, int fromMiB, int toMiB, int stepMiB) {
        boolean allows(int memory) {
            return memory >= fromMiB && memory <= toMiB && (memory - fromMiB) % stepMiB == 0;
        }
    }

    private static final List<Sizes> FARGATE_SIZES = List.of(
            new Sizes(256, 512, 512, 1), new Sizes(256, 1024, 2048, 1024),
            new Sizes(512, 1024, 4096, 1024),
            new Sizes(1024, 2048, 8192, 1024),
            new Sizes(2048, 4096, 16384, 1024),
            new Sizes(4096, 8192, 30720, 1024),
            new Sizes(8192, 16384, 61440, 4096),
            new Sizes(16384, 32768, 122880, 8192));

    static boolean fargatePair(int cpu, int memoryMiB) {
        return FARGATE_SIZES.stream().anyMatch(s -> s.cpu() == cpu && s.allows(memoryMiB));
    }

    /** RegisterTaskDefinition with requiresCompatibilities FARGATE: every rule, the first broken one refused. */
    static void requireFargate(Requests.RegisterTaskDefinition in) {
        if (!"awsvpc".equals(in.networkMode())) {
            throw Errors.client("Fargate only supports network mode \u2018awsvpc\u2019.");
        }
        if (in.cpu() == null) {
            throw Errors.client("Fargate requires that 'cpu' be defined at the task level.");
        }
        if (in.memory() == null) {
            throw Errors.client("Fargate requires that 'memory' be defined at the task level.");
        }
        int cpu = TaskSize.cpuUnits(in.cpu()).orElseThrow();
        int memory = TaskSize.memoryMiB(in.memory()).orElseThrow();
        if (!fargatePair(cpu, memory)) {
            throw Errors.client("No Fargate configuration exists for given values: " + in.cpu() + " CPU, "
                    + in.memory() + " memory. See the Amazon ECS documentation for the valid values.");
        }
        if (in.pidMode() != null && !"task".equals(in.pidMode())) {
            throw Errors.client("Tasks using the Fargate launch type do not support pidMode '" + in.pidMode()
                    + "'. The supported value for pidMode is 'task'.");
        }
        if (in.ipcMode() != null) {
            throw Errors.client("Tasks using the Fargate launch type do not support ipcMode.");
        }
    }

    /** RegisterTaskDefinition with requiresCompatibilities EC2 and no task memory. */
    static void requireEc2(Requests.RegisterTaskDefinition in) {
        if (in.memory() != null) {
            return;
        }
        for (ContainerDefinition c : in.containerDefinitions()) {
            if (c.memory() == null && c.memoryReservation() == null) {
                throw Errors.client("Invalid setting for container '" + c.name() + "'. At least one of 'memory' or"
                        + " 'memoryReservation' must be specified.");
            }
        }
    }

    /** What AWS lists as compatibilities: FARGATE too when the definition meets every Fargate rule. */
    static List<String> compatibilities(Requests.RegisterTaskDefinition in) {
        boolean fargate = "awsvpc".equals(in.networkMode()) && in.cpu() != null && in.memory() != null
                && fargatePair(TaskSize.cpuUnits(in.cpu()).orElse(-1), TaskSize.memoryMiB(in.memory()).orElse(-1))
                && (in.pidMode() == null || "task".equals(in.pidMode())) && in.ipcMode() == null;
        return fargate ? List.of(EC2, FARGATE) : List.of(EC2);
    }

    /** RunTask and CreateService: a Fargate launch needs a Fargate-compatible task definition. */
    static void requireLaunchable(TaskDefinition td, String launchType, ArrayNode capacityProviderStrategy) {
        boolean onFargate = FARGATE.equals(launchType) || capacityProviderStrategy != null
                && capacityProviderStrategy.valueStream()
                        .anyMatch(i -> FARGATE_LAUNCHES.contains(i.path("capacityProvider").asText()));
        if (onFargate && (td.compatibilities() == null || !td.compatibilities().contains(FARGATE))) {
            throw Errors.invalid("Task definition does not support launch_type FARGATE.");
        }
    }
}
