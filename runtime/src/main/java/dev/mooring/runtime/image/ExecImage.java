package dev.mooring.runtime.image;

import dev.mooring.task.ContainerLaunch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The catch-all {@code mooring/exec}: runs the container's own entryPoint followed by its command. */
public record ExecImage() implements ImageKind {
    @Override
    public ImagePlan plan(ContainerLaunch container, Path home, String taskCidr) throws ImageException {
        List<String> argv = new ArrayList<>();
        if (container.entryPoint() != null) {
            argv.addAll(container.entryPoint());
        }
        if (container.command() != null) {
            argv.addAll(container.command());
        }
        if (argv.isEmpty()) {
            throw new ImageException("CannotStartContainerError: container '" + container.name() + "' uses image '"
                    + container.image() + "', which runs the container's own entryPoint and command, but it has"
                    + " neither; give the container definition a command");
        }
        return new ImagePlan(argv, Map.of());
    }
}
