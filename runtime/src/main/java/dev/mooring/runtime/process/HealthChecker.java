package dev.mooring.runtime.process;

import dev.mooring.task.ContainerLaunch.HealthCheck;
import dev.mooring.task.HealthStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a container's ECS health check the way Docker does: every {@code interval} seconds, in the task's sandbox as
 * the container's user; a run longer than {@code timeout} fails; {@code retries} consecutive failures make the
 * container UNHEALTHY; failures within {@code startPeriod} do not count, but a success there makes it HEALTHY.
 */
public final class HealthChecker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final HealthCheck check;
    private final ProcessSpec base;
    private final Consumer<HealthStatus> report;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;

    /**
     * @param base   how the container itself was started; the check runs with its prefix, user and environment
     * @param report receives HEALTHY or UNHEALTHY whenever the status changes
     */
    public HealthChecker(String name, HealthCheck check, ProcessSpec base, Consumer<HealthStatus> report) {
        this.check = check;
        this.base = base;
        this.report = report;
        this.thread = Thread.ofVirtual().name("health-" + name).unstarted(this::run);
    }

    /** The program a CMD or CMD-SHELL health check runs. */
    public static List<String> argv(HealthCheck check) {
        List<String> command = check.command();
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("a health check needs a command");
        }
        List<String> rest = command.subList(1, command.size());
        return switch (command.getFirst()) {
            case "CMD" -> List.copyOf(rest);
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", rest));
            default -> {
                // ECS also accepts a bare shell command without the CMD-SHELL marker
                List<String> all = new ArrayList<>(List.of("/bin/sh", "-c"));
                all.add(String.join(" ", command));
                yield all;
            }
        };
    }

    public void start() {
        thread.start();
    }

    private void run() {
        Instant graceEnds = Instant.now().plusSeconds(check.startPeriod());
        Duration interval = Duration.ofSeconds(check.interval() > 0 ? check.interval() : 30);
        int retries = check.retries() > 0 ? check.retries() : 3;
        HealthStatus status = null;
        int failures = 0;
        try {
            while (!closed.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                boolean healthy = runOnce();
                HealthStatus next = status;
                if (healthy) {
                    failures = 0;
                    next = HealthStatus.HEALTHY;
                } else if (Instant.now().isAfter(graceEnds) && ++failures >= retries) {
                    next = HealthStatus.UNHEALTHY;
                }
                if (next != null && next != status && closed.getCount() > 0) {
                    status = next;
                    report.accept(status);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean runOnce() throws InterruptedException {
        ProcessSpec spec = new ProcessSpec(base.execPrefix(), argv(check), base.environment(), base.directory(),
                base.user(), null, base.cgroupProcs());
        SandboxProcess process;
        try {
            process = SandboxProcess.start(spec);
        } catch (IOException e) {
            log.warn("health check could not start: {}", e.getMessage());
            return false;
        }
        try {
            return process.exit().get(check.timeout() > 0 ? check.timeout() : 5, TimeUnit.SECONDS) == 0;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } finally {
            if (process.isAlive()) {
                process.kill();
            }
        }
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
