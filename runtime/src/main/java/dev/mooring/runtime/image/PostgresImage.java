package dev.mooring.runtime.image;

import dev.mooring.control.runtime.ContainerLaunch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL with a data directory of its own in the container's private directory, set up the way the
 * official image's entrypoint does: initdb, POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, then the entry's init
 * scripts ({@code .sql} or {@code .sh}, in order), then the server on the container port, trusting the task network.
 * The container's entryPoint and command are not used.
 */
public record PostgresImage(Binaries binaries, List<Path> initScripts) implements ImageKind {
    public PostgresImage {
        initScripts = List.copyOf(initScripts);
    }

    @Override
    public ImagePlan plan(ContainerLaunch container, Path home, String taskCidr) throws ImageException {
        for (Path script : initScripts) {
            if (!Files.isReadable(script)) {
                throw new ImageException("CannotStartContainerError: init script " + script + " of image '"
                        + container.image() + "' is missing; restore it or fix the line in images.conf");
            }
        }
        List<String> argv = new ArrayList<>(List.of("/bin/sh", binaries.postgresEntrypoint().toString(),
                binaries.postgresBin().toString(), home.resolve("pgdata").toString(),
                Integer.toString(ImageKind.containerPort(container, 5432)), taskCidr));
        initScripts.forEach(s -> argv.add(s.toString()));
        return new ImagePlan(argv, Map.of("PGDATA", home.resolve("pgdata").toString()));
    }
}
