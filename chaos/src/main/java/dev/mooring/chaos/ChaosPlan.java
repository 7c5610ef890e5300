package dev.mooring.chaos;

import dev.mooring.task.TaskSignal;
import java.net.URI;
import java.time.Duration;

/**
 * One bounded chaos run: which service, how often, for how long, with which signal. At most
 * {@code duration / interval} tasks are signalled, the first one interval after the start.
 */
public record ChaosPlan(URI endpoint, String region, String cluster, String service, Duration interval,
                        Duration duration, TaskSignal signal) {
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_DURATION = Duration.ofHours(1);

    public ChaosPlan {
        if (cluster == null || cluster.isBlank() || service == null || service.isBlank()) {
            throw new IllegalArgumentException("name the cluster and the service");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("the interval is at least " + MIN_INTERVAL.toSeconds() + "s");
        }
        if (duration.compareTo(interval) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("the duration is between the interval and "
                    + MAX_DURATION.toMinutes() + "m");
        }
    }

    /** The most tasks this run signals. */
    public long maxKills() {
        return duration.toNanos() / interval.toNanos();
    }
}
