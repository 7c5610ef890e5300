package dev.mooring.runtime.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The log streams under a state directory. Streams live at {@code <stateDir>/logs/<group>/<stream>}; because group
 * and stream names may both contain slashes, each task also gets an index, {@code <stateDir>/log-index/<task>.json},
 * listing its streams, so finding a task's logs never has to guess where the group ends.
 */
public final class LogStreams {
    /** The group awslogs would need and Mooring uses when a container has no awslogs-group. */
    public static final String DEFAULT_GROUP = "mooring";
    // CloudWatch Logs' own rules for names; they also keep a name from climbing out of the logs directory
    private static final Pattern GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
    private static final Pattern STREAM_PART = Pattern.compile("[^:*]{1,512}");
    private static final Duration FOLLOW_POLL = Duration.ofMillis(200);

    private final Path logsDir;
    private final Path indexDir;
    private final ObjectMapper json = new ObjectMapper();

    public LogStreams(Path stateDir) {
        this.logsDir = stateDir.resolve("logs");
        this.indexDir = stateDir.resolve("log-index");
    }

    /**
     * Creates (or reopens) a container's stream, named as awslogs names it: {@code prefix/container/taskId}, or
     * {@code container/taskId} without a prefix.
     */
    public synchronized LogStream create(String taskId, String container, String group, String prefix)
            throws IOException {
        String g = group == null || group.isBlank() ? DEFAULT_GROUP : group;
        String stream = (prefix == null || prefix.isBlank() ? "" : prefix + "/") + container + "/" + taskId;
        if (!GROUP.matcher(g).matches() || Arrays.asList(g.split("/")).contains("..")) {
            throw new IOException("log group '" + g + "' is not a valid CloudWatch Logs group name");
        }
        if (!STREAM_PART.matcher(stream).matches() || Arrays.asList(stream.split("/")).contains("..")) {
            throw new IOException("log stream '" + stream + "' is not a valid CloudWatch Logs stream name");
        }
        Path file = logsDir.resolve(g).resolve(stream).normalize();
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        LogStream created = new LogStream(taskId, container, g, stream, file);
        List<LogStream> streams = new ArrayList<>(find(taskId).stream()
                .filter(s -> !s.container().equals(container)).toList());
        streams.add(created);
        Files.createDirectories(indexDir);
        Path index = indexFile(taskId);
        Path partial = Files.createTempFile(indexDir, taskId, ".part");
        json.writeValue(partial.toFile(), streams);
        Files.move(partial, index, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        return created;
    }

    /** Every stream of a task, in the order its containers were started; empty for an unknown task. */
    public List<LogStream> find(String taskId) throws IOException {
        Path index = indexFile(taskId);
        if (!Files.exists(index)) {
            return List.of();
        }
        return List.of(json.readValue(index.toFile(), LogStream[].class));
    }

    /** The stream of one container of a task, if it ever started. */
    public Optional<LogStream> find(String taskId, String container) throws IOException {
        return find(taskId).stream().filter(s -> s.container().equals(container)).findFirst();
    }

    /** Hands every complete line of the stream to {@code lines}, then returns. */
    public void read(LogStream stream, Consumer<String> lines) throws IOException {
        try (InputStream in = Files.newInputStream(stream.file())) {
            new LineSplitter(lines).feed(in.readAllBytes()).flush();
        }
    }

    /**
     * Hands every line to {@code lines} as it is written, like {@code tail -f}, until {@code stillWriting} turns
     * false (for example when the task stopped); then hands over the rest and returns.
     */
    public void follow(LogStream stream, Consumer<String> lines, BooleanSupplier stillWriting)
            throws IOException, InterruptedException {
        LineSplitter splitter = new LineSplitter(lines);
        try (InputStream in = Files.newInputStream(stream.file())) {
            byte[] buffer = new byte[8192];
            while (true) {
                boolean writing = stillWriting.getAsBoolean();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    splitter.feed(Arrays.copyOf(buffer, n));
                }
                if (!writing) {
                    splitter.flush();
                    return;
                }
                Thread.sleep(FOLLOW_POLL);
            }
        }
    }

    private Path indexFile(String taskId) throws IOException {
        if (!taskId.matches("[A-Za-z0-9-]+")) {
            throw new IOException("'" + taskId + "' is not a task id");
        }
        return indexDir.resolve(taskId + ".json");
    }

    /** Cuts bytes into UTF-8 lines, holding back a partial last line until its newline arrives. */
    private static final class LineSplitter {
        private final Consumer<String> lines;
        private byte[] pending = new byte[0];

        LineSplitter(Consumer<String> lines) {
            this.lines = lines;
        }

        LineSplitter feed(byte[] bytes) {
            byte[] all = Arrays.copyOf(pending, pending.length + bytes.length);
            System.arraycopy(bytes, 0, all, pending.length, bytes.length);
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    lines.accept(new String(all, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            pending = Arrays.copyOfRange(all, start, all.length);
            return this;
        }

        void flush() {
            if (pending.length > 0) {
                lines.accept(new String(pending, StandardCharsets.UTF_8));
                pending = new byte[0];
            }
        }
    }
}
