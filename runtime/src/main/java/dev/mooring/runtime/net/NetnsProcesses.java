package dev.mooring.runtime.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Ends the processes inside one of Mooring's task namespaces, and only those. */
final class NetnsProcesses {
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 5;

    private NetnsProcesses() {}

    /**
     * SIGKILLs every process in the namespace and waits until they are gone, so that deleting the namespace really
     * frees it and its veth. Returns how many there were.
     */
    static int killAll(IpRoute ip, String netns) {
        if (!Names.isNetns(netns)) {
            throw new IllegalArgumentException(netns + " is not a Mooring task namespace");
        }
        List<Long> pids = ip.netnsPids(netns);
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        List<Long> alive = pids;
        while (!(alive = alive.stream().filter(NetnsProcesses::running).toList()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new NetworkException("processes in " + netns + " survived SIGKILL for "
                        + KILL_WAIT.toSeconds() + " s: " + alive);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkException("interrupted while killing the processes of " + netns, e);
            }
        }
        return pids.size();
    }

    /**
     * A zombie counts as gone: it has already left its namespaces, and it may not be ours to reap (ProcessHandle
     * would call it alive until its parent does).
     */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
