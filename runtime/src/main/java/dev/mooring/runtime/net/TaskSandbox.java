package dev.mooring.runtime.net;

import java.nio.file.Path;
import java.util.List;

/**
 * A task's network. Run a program inside it as {@code execPrefix + [program, args...]}: it then sees the task's
 * own address, hostname, {@code /etc/hosts} and {@code /etc/resolv.conf}, and runs in a PID namespace of its own.
 *
 * <p>The prefix is {@code ip netns exec NAME unshare --uts --pid --fork --mount-proc --kill-child -- /bin/sh -c
 * 'hostname "$0" && exec "$@"' HOSTNAME}. Processes, from the host's point of view:
 * <ul>
 *   <li>the process Java starts is {@code unshare} ({@code ip netns exec} replaces itself with it). It holds the
 *   namespaces, waits for its child and ignores SIGTERM and SIGINT. SIGKILL to it kills the container init too
 *   ({@code --kill-child}), and with the init every other process of the task.</li>
 *   <li>its only child is the <b>container init</b>: PID 1 of the task's PID namespace, which sets the hostname and
 *   then is the program itself. This is the process to send SIGTERM to on stop, as {@code docker stop} signals a
 *   container's PID 1; like any PID 1 it only receives signals it has installed a handler for, so a program that
 *   ignores SIGTERM is ended by the SIGKILL after stopTimeout, as in a container without an init process.</li>
 * </ul>
 * Containers add two steps between the prefix and their program ({@code process.SandboxProcess}): setpriv, which
 * drops to the container's user and every capability, and a small shell init that forwards SIGTERM to the program,
 * so for a container PID 1 is that init rather than the program.
 *
 * @param netnsName  {@code mooring-} and 12 hex digits of the task id
 * @param netnsPath  {@code /run/netns/NAME}, for {@link Namespaces#callIn} and {@code nsenter --net=}
 * @param ipv4       the task's address in the task CIDR
 * @param hostname   the task's hostname, {@code ip-198-18-x-y} unless the caller gave one
 */
public record TaskSandbox(String taskId, String netnsName, Path netnsPath, String ipv4, String hostname,
                          List<String> execPrefix) {
    public TaskSandbox {
        execPrefix = List.copyOf(execPrefix);
    }
}
