package dev.mooring.runtime.net;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mooring.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <stateDir>/networks.json}: the bridge and every task network that exists or is being made. An entry is
 * written before its namespace is created, so after a {@code kill -9} the next start knows everything the dead one
 * may have left, even half-made networks.
 */
final class StateFile {
    static final String NAME = "networks.json";
    private static final JsonMapper MAPPER = Json.store();
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

    record State(String bridge, String cidr, List<Entry> tasks) {
        State {
            tasks = tasks == null ? List.of() : List.copyOf(tasks);
        }
    }

    record Entry(String taskId, String netns, String veth, String ipv4, String hostname) {}

    private final Path file;

    StateFile(Path stateDir) {
        this.file = stateDir.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /** The last state written, or empty if there is none or it cannot be read (the scan for leftovers still runs). */
    Optional<State> read() {
        try {
            return Optional.of(MAPPER.readValue(Files.readString(file), State.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("ignoring unreadable network state file {} ({}); scanning for leftovers instead", file,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Replaces the file atomically, so a crash mid-write leaves the previous state, never a torn one. */
    void write(State state) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(NAME + ".tmp");
            Files.writeString(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new NetworkException("cannot write the network state file " + file + ": " + e.getMessage(), e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new NetworkException("cannot delete the network state file " + file + ": " + e.getMessage(), e);
        }
    }
}
