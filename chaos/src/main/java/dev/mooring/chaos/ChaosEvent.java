package dev.mooring.chaos;

import java.time.Instant;

/** What happened at one tick of a chaos run. */
public sealed interface ChaosEvent {
    Instant at();

    /** A RUNNING task of the service was signalled; its container processes are named. */
    record Killed(Instant at, String taskArn, TaskSignalClient.Signalled signalled, int runningBefore)
            implements ChaosEvent {}

    /** Nothing was signalled at this tick (no RUNNING task, or the chosen one stopped meanwhile). */
    record Skipped(Instant at, String reason) implements ChaosEvent {}

    /** One line for the terminal. */
    default String line() {
        return switch (this) {
            case Killed k -> String.format("%s  SIG%s task %s (one of %d RUNNING): %s", k.at(),
                    k.signalled().signal(), k.signalled().taskId(), k.runningBefore(),
                    String.join(", ", k.signalled().containers().stream()
                            .map(c -> c.name() + " pid " + c.pid()).toList()));
            case Skipped s -> String.format("%s  skipped: %s", s.at(), s.reason());
        };
    }
}
