package dev.mooring.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a server checks before it touches anything: that no live Mooring uses its state directory (an exclusive lock
 * on {@code <stateDir>/server.lock}, held until close; the kernel drops it when the holder dies) and that its API
 * port is free. The bridge is claimed next, by the runtime, before it cleans anything.
 */
final class ServerClaim implements AutoCloseable {
    static final String LOCK_FILE = "server.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private ServerClaim(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static ServerClaim take(Path stateDir, String bind, int port) {
        if (port < 0 || port > 65535) {
            throw new StartupException("port " + port + " is out of range: give 1-65535 (or 0 for any free port)");
        }
        Path file = stateDir.resolve(LOCK_FILE);
        FileChannel channel;
        FileLock lock;
        try {
            Files.createDirectories(stateDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StartupException("cannot use state directory " + stateDir + ": " + e, e);
        }
        try {
            lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(file).strip();
                channel.close();
                throw new StartupException("state directory " + stateDir + " is in use by another running Mooring"
                        + " server (pid " + holder + "); stop it first, or give this one another --state-dir");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.US_ASCII)));
            probePort(bind, port);
            return new ServerClaim(channel, lock);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
            if (e instanceof StartupException s) {
                throw s;
            }
            throw new StartupException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Binds and lets go at once: only to say "in use" in one line before anything is started. */
    private static void probePort(String bind, int port) throws IOException {
        if (port == 0) {
            return;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new StartupException("--bind " + bind + " is not an address or a name this machine resolves");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            String why = String.valueOf(e.getMessage());
            throw new StartupException(why.contains("in use")
                    ? "port " + port + " on " + bind + " is in use (another mooring server?); stop what holds it or"
                            + " give this one another --port"
                    : "cannot listen on " + bind + ":" + port + ": " + why);
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

    @Override
    public void close() throws IOException {
        try (channel) {
            lock.release();
        }
    }
}
