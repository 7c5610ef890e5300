package dev.mooring.runtime.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Proves that no other live Mooring owns the bridge before leftovers are cleaned: an exclusive lock on
 * {@code /run/mooring/<bridge>.lock}. The kernel drops the lock when its holder dies, even by {@code kill -9}, so
 * a held lock means a live owner whose namespaces must not be touched. The owner deletes the file before it lets
 * go, so a taker that locked a file just deleted sees it is no longer at the path and tries again.
 */
public final class BridgeLock implements AutoCloseable {
    static final Path DIR = Path.of("/run/mooring");
    private static final int ATTEMPTS = 5;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private BridgeLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static BridgeLock acquire(String bridge) {
        Path file = DIR.resolve(bridge + ".lock");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            BridgeLock lock = attempt(file, bridge);
            if (lock != null) {
                return lock;
            }
        }
        throw new NetworkException("cannot lock " + file + ": it keeps being replaced; is another Mooring starting"
                + " and stopping on bridge " + bridge + "?");
    }

    /** The lock, or null if the file locked was deleted by its previous owner meanwhile. */
    private static BridgeLock attempt(Path file, String bridge) {
        FileChannel channel = null;
        try {
            Files.createDirectories(DIR);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            Object opened = fileKey(file);
            FileLock lock = tryLock(channel);
            if (lock != null && (opened == null || !opened.equals(fileKey(file)))) {
                channel.close();
                return null;
            }
            if (lock == null) {
                String holder = Files.readString(file).strip();
                throw new NetworkException("bridge " + bridge + " belongs to another running Mooring (pid "
                        + holder + ", lock " + file + "); stop it first, or give this one another bridge and task"
                        + " CIDR");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.US_ASCII)));
            return new BridgeLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new NetworkException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** A lock this JVM already holds shows up as an exception rather than null; both mean "taken". */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the original error is the one to report
            }
        }
    }

    /** Idempotent: a second close must not delete a lock file another Mooring made meanwhile. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            Files.deleteIfExists(file);
            lock.release();
        } catch (IOException e) {
            throw new NetworkException("cannot release the bridge lock: " + e.getMessage(), e);
        }
    }
}
