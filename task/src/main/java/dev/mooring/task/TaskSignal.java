package dev.mooring.task;

import java.util.Locale;

/**
 * A signal Mooring may send to a task's container processes from outside the lifecycle, as chaos does: the task is
 * not asked to stop, its containers simply die (or are asked to), and ECS's rules take it from there (an essential
 * container that exits stops the task; a service's scheduler replaces it).
 */
public enum TaskSignal {
    /** SIGKILL to every process of the container, as {@code kill -9}: exit code 137. */
    KILL,
    /** SIGTERM to the container's program, which may handle it. */
    TERM;

    /** KILL, TERM, SIGKILL, sigterm, 9 or 15. */
    public static TaskSignal parse(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        s = s.startsWith("SIG") ? s.substring(3) : s;
        return switch (s) {
            case "KILL", "9" -> KILL;
            case "TERM", "15" -> TERM;
            default -> throw new IllegalArgumentException("unknown signal '" + text + "'; use KILL or TERM");
        };
    }
}
