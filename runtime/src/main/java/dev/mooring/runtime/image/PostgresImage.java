package dev.mooring.runtime.image;

import dev.mooring.task.ContainerLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        argv.addAll(copyInto(home.resolve("initdb")));
        return new ImagePlan(argv, Map.of("PGDATA", home.resolve("pgdata").toString()));
    }

    /**
     * The init scripts, copied where the container's user can read them: the catalog's copies live in the state
     * directory, which that user may not be able to reach.
     */
    private List<String> copyInto(Path dir) throws ImageException {
        List<String> copies = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < initScripts.size(); i++) {
                Path copy = dir.resolve(String.format("%02d-%s", i, initScripts.get(i).getFileName()));
                Files.copy(initScripts.get(i), copy, StandardCopyOption.REPLACE_EXISTING);
                copies.add(copy.toString());
            }
        } catch (IOException e) {
            throw new ImageException("CannotStartContainerError: cannot stage init scripts in " + dir + ": " + e, e);
        }
        return copies;
    }
}
