package dev.mooring.elb.health;

import dev.mooring.elb.shape.TargetGroup;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs each target's HTTP health checks on its target group's schedule and keeps what they observe. {@link #sync}
 * says which targets to check (the registered, not draining targets of target groups some load balancer uses); a
 * target no longer listed is forgotten, so it starts from {@code initial} if it comes back. Each check runs on a
 * virtual thread; a target has at most one check in flight.
 */
public final class HealthChecks implements AutoCloseable {
    /** One target to check and the target group settings to check it with. */
    public record Checked(TargetKey key, TargetGroup group) {}

    private record Entry(Observation observation, Instant nextCheck, boolean inFlight) {}

    private final Map<TargetKey, Entry> entries = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
    /** One client per connect timeout (target groups set their own), none sent through a proxy. */
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private final Clock clock;

    public HealthChecks(Clock clock) {
        this.clock = clock;
    }

    /** What the checks observed of {@code key}, if it is being checked. */
    public Optional<Observation> observed(TargetKey key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::observation);
    }

    /** Called after every change of a target's state, on a probe thread: keep it to a signal. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Checks exactly {@code targets} from now on, starting any that are due. */
    public void sync(List<Checked> targets) {
        Set<TargetKey> wanted = ConcurrentHashMap.newKeySet();
        Instant now = clock.instant();
        for (Checked c : targets) {
            wanted.add(c.key());
            Entry e = entries.computeIfAbsent(c.key(), k -> new Entry(Observation.INITIAL, now, false));
            if (!e.inFlight() && !now.isBefore(e.nextCheck())
                    && entries.replace(c.key(), e, new Entry(e.observation(), e.nextCheck(), true))) {
                probes.execute(() -> check(c));
            }
        }
        entries.keySet().removeIf(k -> !wanted.contains(k));
    }

    private void check(Checked c) {
        TargetGroup g = c.group();
        Probe probe = probe(c.key(), g);
        Entry current = entries.get(c.key());
        if (current == null) {
            return; // deregistered while the check ran
        }
        Observation next = current.observation().after(probe, g.healthyThresholdCount(), g.unhealthyThresholdCount());
        Instant due = clock.instant().plusSeconds(g.healthCheckIntervalSeconds());
        if (entries.replace(c.key(), current, new Entry(next, due, false))
                && next.state() != current.observation().state()) {
            listeners.forEach(Runnable::run);
        }
    }

    private Probe probe(TargetKey key, TargetGroup g) {
        int port = "traffic-port".equals(g.healthCheckPort()) ? key.port() : Integer.parseInt(g.healthCheckPort());
        Duration timeout = Duration.ofSeconds(g.healthCheckTimeoutSeconds());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + key.id() + ":" + port
                        + g.healthCheckPath())).timeout(timeout).header("User-Agent", "ELB-HealthChecker/2.0")
                .GET().build();
        try {
            HttpClient client = clients.computeIfAbsent(timeout, t -> HttpClient.newBuilder()
                    .proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(t).executor(probes).version(HttpClient.Version.HTTP_1_1).build());
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return matches(g.matcher().httpCode(), status) ? new Probe.Passed(status) : new Probe.WrongStatus(status);
        } catch (HttpTimeoutException e) {
            return new Probe.TimedOut();
        } catch (ConnectException e) {
            return new Probe.Failed("connection refused");
        } catch (IOException e) {
            return new Probe.Failed(String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe.Failed("interrupted");
        }
    }

    /** Whether {@code status} is among ALB matcher codes such as {@code 200}, {@code 200,202} or {@code 200-299}. */
    static boolean matches(String codes, int status) {
        for (String part : codes.split(",")) {
            String[] range = part.split("-");
            int low = Integer.parseInt(range[0].strip());
            int high = range.length > 1 ? Integer.parseInt(range[1].strip()) : low;
            if (status >= low && status <= high) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::shutdownNow);
        probes.shutdownNow();
        entries.clear();
    }
}
