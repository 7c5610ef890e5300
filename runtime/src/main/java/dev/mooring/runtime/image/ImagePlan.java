package dev.mooring.runtime.image;

import java.util.List;
import java.util.Map;

/**
 * What a container runs once its image is resolved: the program and the environment the image adds (the task
 * definition's environment is laid over it, as Docker lays {@code --env} over an image's ENV).
 */
public record ImagePlan(List<String> argv, Map<String, String> environment) {
    public ImagePlan {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }
}
