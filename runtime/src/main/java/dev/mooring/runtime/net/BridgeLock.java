package dev.mooring.runtime.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Proves that no other live Mooring owns the bridge before leftovers are cleaned: an exclusive lock on
 * {@code /run/mooring/<bridge>.lock}. The kernel drops the lock when its holder dies, even by {@code kill -9}, so
 * a held lock means a live owner whose namespaces must not be touched.
 */
final class BridgeLock implements AutoCloseable {
    static final Path DIR = Path.of("/run/mooring");
    private final FileChannel channel;
    private final FileLock lock;

    private BridgeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static BridgeLock acquire(String bridge) {
        Path file = DIR.resolve(bridge + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(DIR);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(file).strip();
                throw new NetworkException("bridge " + bridge + " belongs to another running Mooring (pid "
                        + holder + ", lock " + file + "); stop it first, or give this one another bridge and task"
                        + " CIDR");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.US_ASCII)));
            return new BridgeLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new NetworkException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
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

    @Override
    public void close() {
        try (channel) {
            lock.release();
        } catch (IOException e) {
            throw new NetworkException("cannot release the bridge lock: " + e.getMessage(), e);
        }
    }
}
