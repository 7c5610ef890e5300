package dev.mooring.runtime.image;

import dev.mooring.task.ContainerLaunch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real redis-server on the container port, open to the task network and without persistence, like the official
 * image run without a config file (sample-app.md §11.4). The container's entryPoint and command are not used.
 */
public record RedisImage(Binaries binaries) implements ImageKind {
    @Override
    public ImagePlan plan(ContainerLaunch container, Path home, String taskCidr) throws ImageException {
        return new ImagePlan(List.of(binaries.redisServer().toString(),
                "--port", Integer.toString(ImageKind.containerPort(container, 6379)),
                "--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", "--appendonly", "no",
                "--dir", home.toString()), Map.of());
    }
}
