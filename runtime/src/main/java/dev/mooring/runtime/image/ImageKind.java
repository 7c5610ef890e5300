package dev.mooring.runtime.image;

import dev.mooring.task.ContainerLaunch;
import java.nio.file.Path;

/** How one kind of catalog entry turns a container definition into a program. */
public sealed interface ImageKind permits ExecImage, CommandImage, RedisImage, PostgresImage, YelbImage {

    /**
     * @param home     the container's private writable directory (its HOME and default working directory)
     * @param taskCidr the task network's CIDR, which servers that authenticate by address trust
     */
    ImagePlan plan(ContainerLaunch container, Path home, String taskCidr) throws ImageException;

    /** The container port a server image listens on: its first port mapping, else the server's usual port. */
    static int containerPort(ContainerLaunch container, int usual) {
        return container.portMappings() == null || container.portMappings().isEmpty() ? usual
                : container.portMappings().getFirst().containerPort();
    }
}
