package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.control.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** RegisterTaskDefinition, DeregisterTaskDefinition, DescribeTaskDefinition, ListTaskDefinitions(Families). */
final class TaskDefinitionOperations {
    private static final Set<String> NETWORK_MODES = Set.of("bridge", "host", "awsvpc", "none");
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp");
    private static final Set<String> CONDITIONS = Set.of("START", "COMPLETE", "SUCCESS", "HEALTHY");
    private static final Set<String> STATUSES = Set.of("ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS");

    private final EcsState ecs;

    TaskDefinitionOperations(EcsState ecs) {
        this.ecs = ecs;
    }

    Responses.TaskDefinitionResponse register(RequestContext ctx, Requests.RegisterTaskDefinition in) {
        validate(in);
        boolean awsvpc = "awsvpc".equals(in.networkMode()) || "host".equals(in.networkMode());
        List<ContainerDefinition> containers = in.containerDefinitions().stream()
                .map(c -> c.withDefaults(awsvpc)).toList();
        List<String> compatibilities = LaunchRules.compatibilities(in);
        String prefix = Arns.taskDefinitionsPrefix(ctx) + in.family() + ":";
        TaskDefinition td = ecs.store().write(tx -> {
            int revision = 1 + ecs.tables().taskDefinitions().withPrefix(prefix)
                    .mapToInt(TaskDefinition::revision).max().orElse(0);
            TaskDefinition created = new TaskDefinition(prefix + revision, containers, in.family(),
                    in.taskRoleArn(), in.executionRoleArn(), in.networkMode(), revision, in.volumes() == null
                    ? ecs.emptyArray() : withVolumeDefaults(in.volumes()), TaskDefinition.ACTIVE, null,
                    in.placementConstraints() == null
                    ? ecs.emptyArray() : in.placementConstraints(), compatibilities, in.runtimePlatform(),
                    in.requiresCompatibilities(), in.cpu(), in.memory(), in.inferenceAccelerators(), in.pidMode(),
                    in.ipcMode(), in.proxyConfiguration(), ctx.receivedAt(), null,
                    "arn:aws:iam::" + ctx.accountId() + ":root", in.ephemeralStorage(), in.enableFaultInjection());
            tx.put(ecs.tables().taskDefinitions(), created);
            ecs.putTags(tx, created.taskDefinitionArn(), in.tags());
            return created;
        });
        return new Responses.TaskDefinitionResponse(td, EcsState.orNull(in.tags()));
    }

    /** AWS answers an EFS volume's rootDirectory as "/" when it was left out. */
    private static ArrayNode withVolumeDefaults(ArrayNode volumes) {
        ArrayNode copy = volumes.deepCopy();
        for (JsonNode volume : copy) {
            if (volume.path("efsVolumeConfiguration") instanceof ObjectNode efs && !efs.has("rootDirectory")) {
                efs.put("rootDirectory", "/");
            }
        }
        return copy;
    }

    private static void validate(Requests.RegisterTaskDefinition in) {
        Validation.require(in.family(), "family");
        Validation.name(in.family(), "family");
        Validation.oneOf(in.networkMode(), NETWORK_MODES, "networkMode");
        Validation.tags(in.tags(), "tags");
        Validation.taskSize(in.cpu(), in.memory(), "");
        List<ContainerDefinition> containers = Validation.require(in.containerDefinitions(), "containerDefinitions");
        if (containers.isEmpty()) {
            throw Errors.client("containerDefinitions is empty: a task definition needs at least one container.");
        }
        Set<String> names = new HashSet<>();
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            ContainerDefinition c = Validation.require(containers.get(i), "containerDefinitions[" + i + "]");
            String at = "containerDefinitions[" + i + "]";
            if (c.name() == null || c.name().isEmpty()) {
                throw Errors.client("Container.name should not be null or empty.");
            }
            Validation.name(c.name(), at + ".name");
            if (c.image() == null || c.image().isEmpty()) {
                throw Errors.client("Container.image should not be null or empty.");
            }
            if (!names.add(c.name())) {
                throw Errors.client("Container name '" + c.name() + "' is used twice: names must be unique.");
            }
            validatePorts(c, at, portNames);
            if (c.healthCheck() != null) {
                List<String> cmd = Validation.require(c.healthCheck().command(), at + ".healthCheck.command");
                if (cmd.isEmpty() || !(cmd.getFirst().equals("CMD") || cmd.getFirst().equals("CMD-SHELL"))) {
                    throw Errors.client(at + ".healthCheck.command must start with CMD or CMD-SHELL.");
                }
            }
            if (c.stopTimeout() != null && (c.stopTimeout() < 0 || c.stopTimeout() > 120)) {
                throw Errors.client(at + ".stopTimeout " + c.stopTimeout() + " is out of range: 0 to 120 seconds.");
            }
        }
        for (int i = 0; i < containers.size(); i++) {
            List<ContainerDefinition.ContainerDependency> deps = containers.get(i).dependsOn();
            for (int j = 0; deps != null && j < deps.size(); j++) {
                String at = "containerDefinitions[" + i + "].dependsOn[" + j + "]";
                ContainerDefinition.ContainerDependency d = Validation.require(deps.get(j), at);
                Validation.require(d.containerName(), at + ".containerName");
                Validation.require(d.condition(), at + ".condition");
                Validation.oneOf(d.condition(), CONDITIONS, at + ".condition");
                if (!names.contains(d.containerName())) {
                    throw Errors.client(at + " names container '" + d.containerName() + "', which this task"
                            + " definition does not have.");
                }
            }
        }
        if (containers.stream().noneMatch(c -> c.essential() == null || c.essential())) {
            throw Errors.client("No container is essential: mark at least one container essential.");
        }
        List<String> required = in.requiresCompatibilities() == null ? List.of() : in.requiresCompatibilities();
        required.forEach(r -> Validation.oneOf(r, Set.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"),
                "requiresCompatibilities"));
        if (required.contains(LaunchRules.FARGATE)) {
            LaunchRules.requireFargate(in);
        }
        if (required.contains(LaunchRules.EC2)) {
            LaunchRules.requireEc2(in);
        }
    }

    private static void validatePorts(ContainerDefinition c, String at, Set<String> portNames) {
        List<ContainerDefinition.PortMapping> ports = c.portMappings() == null ? List.of() : c.portMappings();
        for (int j = 0; j < ports.size(); j++) {
            String pat = at + ".portMappings[" + j + "]";
            ContainerDefinition.PortMapping p = Validation.require(ports.get(j), pat);
            if (p.containerPort() == null && p.containerPortRange() == null) {
                throw Errors.required(pat + ".containerPort");
            }
            Validation.port(p.containerPort(), pat + ".containerPort");
            Validation.port(p.hostPort(), pat + ".hostPort");
            Validation.oneOf(p.protocol(), PROTOCOLS, pat + ".protocol");
            Validation.appProtocol(p.appProtocol(), pat + ".appProtocol");
            if (p.name() != null) {
                Validation.portName(p.name(), pat + ".name");
                if (!portNames.add(p.name())) {
                    throw Errors.client("Port name '" + p.name() + "' is used twice: port names must be unique in"
                            + " a task definition.");
                }
            }
        }
    }

    Responses.TaskDefinitionResponse deregister(RequestContext ctx, Requests.TaskDefinitionRef in) {
        String ref = Validation.require(in.taskDefinition(), "taskDefinition");
        if (!ref.startsWith("arn:") && !ref.contains(":")) {
            throw Errors.invalid("taskDefinition '" + ref + "' has no revision: give family:revision or the ARN.");
        }
        TaskDefinition td = ecs.store().write(tx -> {
            TaskDefinition current = ecs.resolver().requireTaskDefinition(ctx, ref, "taskDefinition");
            if (TaskDefinition.INACTIVE.equals(current.status())) {
                return current;
            }
            TaskDefinition inactive = current.deregistered(ctx.receivedAt());
            tx.put(ecs.tables().taskDefinitions(), inactive);
            return inactive;
        });
        return new Responses.TaskDefinitionResponse(td, null);
    }

    /** Only deregistered revisions can go; each becomes DELETE_IN_PROGRESS, the others are failures. */
    Responses.DeleteTaskDefinitions delete(RequestContext ctx, Requests.DeleteTaskDefinitions in) {
        List<String> refs = Validation.require(in.taskDefinitions(), "taskDefinitions");
        if (refs.isEmpty()) {
            throw Errors.required("taskDefinitions");
        }
        Validation.maxItems(refs, 10, "taskDefinitions");
        for (String ref : refs) {
            if (!ref.startsWith("arn:") && !ref.contains(":")) {
                throw Errors.invalid("taskDefinition '" + ref + "' has no revision: give family:revision or the ARN.");
            }
        }
        List<TaskDefinition> deleted = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        ecs.store().write(tx -> {
            for (String ref : refs) {
                String arn = ref.startsWith("arn:") ? ref : Arns.taskDefinitionsPrefix(ctx) + ref;
                TaskDefinition td = Resolver.read(tx, ecs.tables().taskDefinitions(), arn).orElse(null);
                if (td == null) {
                    failures.add(Failure.missing(arn));
                } else if (TaskDefinition.ACTIVE.equals(td.status())) {
                    failures.add(new Failure(arn, "The specified task definition is still in ACTIVE status."
                            + " Please deregister the target and try again.", null));
                } else {
                    TaskDefinition deleting = td.deleting();
                    tx.put(ecs.tables().taskDefinitions(), deleting);
                    deleted.add(deleting);
                }
            }
            return null;
        });
        return new Responses.DeleteTaskDefinitions(deleted, failures);
    }

    Responses.TaskDefinitionResponse describe(RequestContext ctx, Requests.TaskDefinitionRef in) {
        Validation.require(in.taskDefinition(), "taskDefinition");
        TaskDefinition td = ecs.resolver().taskDefinition(ctx, in.taskDefinition())
                .orElseThrow(() -> Errors.client("Unable to describe task definition."));
        boolean withTags = Validation.include(in.include(), Set.of("TAGS")).contains("TAGS");
        return new Responses.TaskDefinitionResponse(td, withTags ? ecs.tagsOf(td.taskDefinitionArn()) : null);
    }

    Responses.ListTaskDefinitions list(RequestContext ctx, Requests.ListTaskDefinitions in) {
        String status = in.status() == null ? TaskDefinition.ACTIVE : in.status();
        Validation.oneOf(status, STATUSES, "status");
        Validation.oneOf(in.sort(), Set.of("ASC", "DESC"), "sort");
        boolean desc = "DESC".equals(in.sort());
        String prefix = Arns.taskDefinitionsPrefix(ctx) + (in.familyPrefix() == null ? "" : in.familyPrefix() + ":");
        Comparator<TaskDefinition> order = Comparator.comparing(TaskDefinitionOperations::sortKey);
        Stream<TaskDefinition> sorted = ecs.tables().taskDefinitions().withPrefix(prefix)
                .filter(td -> status.equals(td.status()))
                .sorted(desc ? order.reversed() : order);
        Page<TaskDefinition> page = Page.of(sorted, td -> desc ? descending(sortKey(td)) : sortKey(td),
                in.nextToken(), in.maxResults(), 100, 100, "InvalidParameterException");
        return new Responses.ListTaskDefinitions(page.items().stream().map(TaskDefinition::taskDefinitionArn)
                .toList(), page.nextToken());
    }

    /** Family, then revision as a number: "web:10" comes after "web:9". */
    private static String sortKey(TaskDefinition td) {
        return td.family() + ":" + String.format("%010d", td.revision());
    }

    /** A key whose ascending order is the descending order of {@code key}, for paging DESC listings. */
    private static String descending(String key) {
        StringBuilder sb = new StringBuilder(key.length() + 1);
        key.chars().forEach(ch -> sb.append((char) (Character.MAX_VALUE - 1 - ch)));
        return sb.append(Character.MAX_VALUE).toString();
    }

    Responses.ListTaskDefinitionFamilies families(RequestContext ctx, Requests.ListTaskDefinitionFamilies in) {
        String status = in.status() == null ? TaskDefinition.ACTIVE : in.status();
        Validation.oneOf(status, Set.of("ACTIVE", "INACTIVE", "ALL"), "status");
        String prefix = Arns.taskDefinitionsPrefix(ctx) + (in.familyPrefix() == null ? "" : in.familyPrefix());
        Set<String> active = new TreeSet<>();
        Set<String> all = new TreeSet<>();
        ecs.tables().taskDefinitions().withPrefix(prefix).forEach(td -> {
            all.add(td.family());
            if (TaskDefinition.ACTIVE.equals(td.status())) {
                active.add(td.family());
            }
        });
        Stream<String> families = switch (status) {
            case "ACTIVE" -> active.stream();
            case "INACTIVE" -> all.stream().filter(f -> !active.contains(f));
            default -> all.stream();
        };
        Page<String> page = Page.of(families, f -> f, in.nextToken(), in.maxResults(), 100, 100,
                "InvalidParameterException");
        return new Responses.ListTaskDefinitionFamilies(page.items(), page.nextToken());
    }
}
