package dev.mooring.runtime.image;

import dev.mooring.task.ContainerLaunch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user's mapping to a program: the program is the image's ENTRYPOINT, so a container's entryPoint replaces it and
 * its command is appended, as Docker does.
 */
public record CommandImage(List<String> program) implements ImageKind {
    public CommandImage {
        program = List.copyOf(program);
    }

    @Override
    public ImagePlan plan(ContainerLaunch container, Path home, String taskCidr) {
        List<String> argv = new ArrayList<>(container.entryPoint() != null ? container.entryPoint() : program);
        if (container.command() != null) {
            argv.addAll(container.command());
        }
        return new ImagePlan(argv, Map.of());
    }
}
