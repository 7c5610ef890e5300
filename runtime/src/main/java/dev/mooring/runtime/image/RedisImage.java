package dev.mooring.runtime.image;

import dev.mooring.task.ContainerLaunch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real redis-server on the container port, open to the task network and without persistence, like the official
 * image run without a config file (sample-app.md §11.4). The container's entryPoint and command are not used.
 *
 * @param server the redis-server a catalog line pins ({@code redis server=PATH}), or null for the machine's, else
 *               the one Mooring ships
 */
public record RedisImage(Binaries binaries, Path server) implements ImageKind {
    public RedisImage(Binaries binaries) {
        this(binaries, null);
    }

    @Override
    public ImagePlan plan(ContainerLaunch container, Path home, String taskCidr) throws ImageException {
        Path program = server != null ? server : binaries.redisServer();
        if (!java.nio.file.Files.isExecutable(program)) {
            throw new ImageException("CannotStartContainerError: the redis-server pinned for image '"
                    + container.image() + "', " + program + ", is not an executable file");
        }
        return new ImagePlan(List.of(program.toString(),
                "--port", Integer.toString(ImageKind.containerPort(container, 6379)),
                "--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", "--appendonly", "no",
                "--dir", home.toString()), Map.of());
    }
}
