package dev.mooring.server.connect;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends lines to a log stream's file off the caller's thread: the proxy writes access-log lines from its event
 * loops, which must never block on a disk. Lines queue up and one virtual thread writes them in order.
 */
final class LineSink implements Consumer<String>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LineSink.class);
    private static final String END = new String("end");

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(100_000);
    private final Thread writer;

    LineSink(Path file) {
        writer = Thread.ofVirtual().name("log " + file.getFileName()).start(() -> write(file));
    }

    private void write(Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            while (true) {
                String line = lines.take();
                if (line == END) {
                    return;
                }
                out.write(line);
                out.write('\n');
                if (lines.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            log.warn("cannot write the proxy log {}: {}", file, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops the line when the writer is that far behind, rather than slow the proxy down. */
    @Override
    public void accept(String line) {
        lines.offer(line);
    }

    @Override
    public void close() {
        lines.offer(END);
    }
}
