package dev.mooring.runtime.net;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs Java code inside a task's network namespace, so that sockets it creates (a Service Connect proxy's
 * listeners, say) live there while the rest of the JVM stays on the host. setns(2) switches only the calling
 * thread, so each call gets a fresh platform thread that enters the namespace and ends with the action: no thread
 * ever returns to the pool in the wrong namespace. A socket keeps the namespace it was created in, so any thread
 * may use it afterwards. Needs {@code --enable-native-access=ALL-UNNAMED} and CAP_SYS_ADMIN.
 */
public final class Namespaces {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(
            MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final MethodHandle OPEN = libc("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SETNS = libc("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT),
            CAPTURE_ERRNO);
    private static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = libc("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Namespaces() {}

    // Restricted FFM calls are the point of this class; the JVM is started with --enable-native-access.
    @SuppressWarnings("restricted")
    private static MethodHandle libc(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        SymbolLookup lookup = LINKER.defaultLookup();
        return LINKER.downcallHandle(lookup.find(name).orElseThrow(
                () -> new IllegalStateException("libc has no " + name)), descriptor, options);
    }

    /**
     * Calls {@code action} on a new platform thread that has entered the network namespace at {@code netnsPath}
     * (e.g. {@link TaskSandbox#netnsPath()}), and returns its result or rethrows its exception.
     */
    public static <T> T callIn(Path netnsPath, Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("netns " + netnsPath.getFileName()).start(() -> {
            try {
                enterNetwork(netnsPath);
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** setns(open(path), CLONE_NEWNET) for the calling thread only. */
    static void enterNetwork(Path netnsPath) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(netnsPath.toString()), O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                throw new NetworkException("cannot open " + netnsPath + ": " + error(state));
            }
            try {
                int rc = (int) SETNS.invokeExact(state, fd, CLONE_NEWNET);
                if (rc != 0) {
                    throw new NetworkException("cannot enter the network namespace " + netnsPath + ": "
                            + error(state));
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        }
    }

    @SuppressWarnings("restricted")
    private static String error(MemorySegment state) throws Throwable {
        int errno = (int) ERRNO.get(state, 0L);
        MemorySegment message = (MemorySegment) STRERROR.invokeExact(errno);
        return message.reinterpret(Long.MAX_VALUE).getString(0) + " (errno " + errno + ")";
    }
}
