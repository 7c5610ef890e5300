package dev.mooring.server.dns;

import dev.mooring.dns.ZoneHolder;
import dev.mooring.dns.ZoneSnapshot;
import dev.mooring.dns.ZoneSource;
import dev.mooring.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the DNS server's snapshot in step with the store: every committed write schedules one rebuild a short
 * debounce later, on this publisher's own thread (never the writer's), and writes that land meanwhile share it.
 */
public final class ZonePublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZonePublisher.class);
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(50);

    private final Store store;
    private final ZoneHolder holder;
    private final List<ZoneSource> sources;
    private final Duration debounce;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mooring-zone-publisher");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    public ZonePublisher(Store store, ZoneHolder holder, List<ZoneSource> sources, Duration debounce) {
        this.store = store;
        this.holder = holder;
        this.sources = List.copyOf(sources);
        this.debounce = debounce;
    }

    /** Publishes the first snapshot before returning, then follows the store. */
    public ZonePublisher start() {
        rebuild();
        store.onChange(this::changed);
        return this;
    }

    private void changed() {
        if (closed || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.schedule(() -> {
                // cleared before reading, so a write during the rebuild schedules another
                scheduled.set(false);
                rebuild();
            }, debounce.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed between the check and the schedule: there is no one left to publish to
        }
    }

    private void rebuild() {
        // the generation is read first, so a snapshot's serial never claims a write it does not include
        ZoneSnapshot.Builder builder = ZoneSnapshot.builder().serial(store.generation());
        try {
            sources.forEach(s -> s.addTo(builder));
            holder.publish(builder.build());
        } catch (RuntimeException e) {
            LOG.error("could not rebuild DNS zones; still answering from the previous snapshot", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
