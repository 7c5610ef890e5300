package dev.mooring.server.dns;

import dev.mooring.control.cloudmap.CloudMapService;
import dev.mooring.control.cloudmap.CloudMapState;
import dev.mooring.control.cloudmap.DnsZone;
import dev.mooring.reconcile.Changes;
import dev.mooring.reconcile.TableChanges;
import dev.mooring.control.route53.HostedZones;
import dev.mooring.dns.ZoneHolder;
import dev.mooring.dns.ZoneSnapshot;
import dev.mooring.dns.ZoneSource;
import dev.mooring.store.Store;
import dev.mooring.store.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the DNS server's snapshot in step with the store: every committed write schedules one rebuild a short
 * debounce later, on this publisher's own thread (never the writer's), and writes that land meanwhile share it. A
 * rebuild reads again only what changed: the Cloud Map namespaces whose namespace, services or instances changed,
 * and each other {@link Part} (hosted zones, load balancers' names) whose tables changed; every other part is kept
 * from the last rebuild, and the snapshot is assembled from the parts.
 */
public final class ZonePublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZonePublisher.class);
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(50);

    private final Store store;
    private final ZoneHolder holder;
    private final CloudMapState cloudMap;
    private final List<Part> parts;
    private final Duration debounce;
    private final TableChanges changes;
    /** By namespace ARN, so a name taken in two regions answers from the first in ARN order. */
    private final Map<String, ZoneSnapshot.Builder> namespaces = new TreeMap<>();
    /** What each of {@link #parts} gave at its last rebuild, in the same order. */
    private final List<ZoneSnapshot.Builder> built = new ArrayList<>();
    /** How often each namespace was read again after the first snapshot: what a change cost, for tests. */
    private final Map<String, Integer> reads = new ConcurrentHashMap<>();
    private boolean first = true;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mooring-zone-publisher");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    /** Zones besides Cloud Map's, rebuilt whole when one of {@code tables} changes. */
    public record Part(List<Table<?>> tables, ZoneSource source) {
        public Part {
            tables = List.copyOf(tables);
        }

        /** Route 53 private hosted zones and their records. */
        public static Part hostedZones(HostedZones hostedZones) {
            return new Part(hostedZones.tables(), new HostedZoneRecords(hostedZones));
        }
    }

    public ZonePublisher(Store store, ZoneHolder holder, CloudMapState cloudMap, List<Part> parts,
                         Duration debounce) {
        this.store = store;
        this.holder = holder;
        this.cloudMap = cloudMap;
        this.parts = List.copyOf(parts);
        this.debounce = debounce;
        List<Table<?>> watched = new ArrayList<>(cloudMap.dnsTables());
        parts.forEach(p -> watched.addAll(p.tables()));
        this.changes = new TableChanges(watched);
    }

    /** Publishes the first snapshot before returning, then follows the store. */
    public ZonePublisher start() {
        try {
            executor.submit(this::rebuild).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("first DNS snapshot failed", e.getCause());
        }
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

    /** On the publisher's thread only: the parts and the change feed are its own. */
    private void rebuild() {
        // the generation is read first, so a snapshot's serial never claims a write it does not include
        long serial = store.generation();
        try {
            Changes changed = changes.read(first);
            if (first) {
                namespaces.clear();
                cloudMap.dnsZones().forEach(z -> namespaces.put(z.namespace().arn(), part(z)));
                built.clear();
                parts.forEach(p -> built.add(build(p)));
                first = false;
            } else {
                for (String arn : changedNamespaces(changed)) {
                    reads.merge(arn, 1, Integer::sum);
                    cloudMap.dnsZone(arn).ifPresentOrElse(z -> namespaces.put(arn, part(z)),
                            () -> namespaces.remove(arn));
                }
                for (int i = 0; i < parts.size(); i++) {
                    if (parts.get(i).tables().stream().anyMatch(t -> !changed.ids(t).isEmpty())) {
                        built.set(i, build(parts.get(i)));
                    }
                }
            }
            ZoneSnapshot.Builder snapshot = ZoneSnapshot.builder().serial(serial);
            namespaces.values().forEach(snapshot::include);
            built.forEach(snapshot::include);
            holder.publish(snapshot.build());
        } catch (RuntimeException e) {
            // the parts read so far are kept; a namespace that failed is read again by a full rebuild
            first = true;
            LOG.error("could not rebuild DNS zones; still answering from the previous snapshot", e);
        }
    }

    /** How many times a namespace was read again since the first snapshot. */
    int reads(String namespaceArn) {
        return reads.getOrDefault(namespaceArn, 0);
    }

    /** The namespaces a change touches, found from the changed rows (or what deleted rows held). */
    private Set<String> changedNamespaces(Changes changed) {
        Set<String> arns = new TreeSet<>();
        Table<CloudMapService> services = cloudMap.services();
        for (Table<?> table : cloudMap.dnsTables()) {
            for (String id : changed.ids(table)) {
                table.get(id).map(row -> (Object) row).or(() -> changed.before(table, id).map(row -> (Object) row))
                        .flatMap(row -> cloudMap.namespaceArnOf(row, arn -> changed.before(services, arn)))
                        .ifPresent(arns::add);
            }
        }
        return arns;
    }

    /** One namespace's zone and records. */
    private static ZoneSnapshot.Builder part(DnsZone zone) {
        ZoneSnapshot.Builder part = ZoneSnapshot.builder();
        CloudMapZones.addTo(part, zone);
        return part;
    }

    private static ZoneSnapshot.Builder build(Part part) {
        ZoneSnapshot.Builder b = ZoneSnapshot.builder();
        part.source().addTo(b);
        return b;
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
