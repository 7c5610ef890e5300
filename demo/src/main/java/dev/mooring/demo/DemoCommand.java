package dev.mooring.demo;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mooring.server.MooringServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mooring demo}: the YELB sample's migration to Service Connect, measured under chaos, in one command. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Deploy the YELB sample's \"before\" stack (DNS discovery, an internal load balancer), load it"
                + " while killing appserver tasks, migrate it to Service Connect with the sample's sc-update files,"
                + " load it again and print the before/after table.",
                "Starts a server (root, process runtime) when none answers at --endpoint-url."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--endpoint-url", defaultValue = "http://localhost:4566",
            description = "The Mooring to use, or to start when none answers (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @Option(names = "--state-dir", defaultValue = "${sys:user.home}/.mooring",
            description = "State directory of a server the demo starts (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--phase-seconds", defaultValue = "120",
            description = "Length of each traffic phase, as the sample's hey -z 2m (default: ${DEFAULT-VALUE}).")
    int phaseSeconds;

    @Option(names = "--workers", defaultValue = "100",
            description = "Concurrent workers, as the sample's hey -c 100 (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--chaos-interval", defaultValue = "5",
            description = "Seconds between appserver kills; 0 turns chaos off (default: ${DEFAULT-VALUE}).")
    int chaosInterval;

    @Option(names = "--json", description = "Write every figure to FILE as JSON.")
    Path json;

    @Option(names = "--report", description = "Write a self-contained HTML report (table and charts) to FILE.")
    Path report;

    @Option(names = "--exit", description = "Tear everything down at the end instead of leaving the app running.")
    boolean exit;

    @Option(names = "--bridge", defaultValue = "mooring0", hidden = true,
            description = "Bridge of a server the demo starts.")
    String bridge;

    @Option(names = "--task-cidr", defaultValue = "198.18.0.0/16", hidden = true,
            description = "Task CIDR of a server the demo starts.")
    String taskCidr;

    @Option(names = "--lb-ports", defaultValue = "18000-18999", hidden = true,
            description = "Loopback ports of a server the demo starts, FIRST-LAST.")
    String lbPorts;

    @Option(names = "--stable-timeout", defaultValue = "300", hidden = true)
    int stableTimeoutSeconds;

    private final PrintStream out;

    public DemoCommand() {
        this(System.out);
    }

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (phaseSeconds < 1 || phaseSeconds > 3600 || workers < 1 || workers > 1000 || chaosInterval < 0
                || chaosInterval > 3600) {
            System.err.println("mooring demo: --phase-seconds 1..3600, --workers 1..1000, --chaos-interval 0..3600");
            return 2;
        }
        if (System.getProperty("MOORING_LOG_LEVEL") == null && System.getenv("MOORING_LOG_LEVEL") == null) {
            // a server the demo starts logs only what goes wrong: the demo's own lines tell the story
            System.setProperty("MOORING_LOG_LEVEL", "WARN");
        }
        YelbDemo.Options options = new YelbDemo.Options(Duration.ofSeconds(phaseSeconds), workers,
                Duration.ofSeconds(chaosInterval), Duration.ofSeconds(stableTimeoutSeconds));
        {
            YelbDemo demo = new YelbDemo(endpoint, options, new ServerMetrics(endpoint), new SignalKiller(endpoint), out);
            MooringServer started = null;
            if (!demo.serverAnswers()) {
                try {
                    started = startServer();
                } catch (Exception e) {
                    System.err.println("mooring demo: step '" + YelbDemo.Step.START_SERVER.description
                            + "' failed: " + e.getMessage() + "\n  (the demo runs real tasks: sudo ./mooring demo,"
                            + " or start `sudo ./mooring server` first)");
                    return 1;
                }
            }
            MooringServer server = started;
            AtomicBoolean done = new AtomicBoolean();
            AtomicBoolean interrupted = new AtomicBoolean();
            CountDownLatch tornDown = new CountDownLatch(1);
            Thread main = Thread.currentThread();
            // Ctrl-C at any point: stop the traffic, remove the stack, stop a server we started.
            Thread hook = new Thread(() -> {
                if (!done.get()) {
                    interrupted.set(true);
                    out.println("\nmooring demo: interrupted; tearing down");
                    demo.stop();
                    main.interrupt();
                    teardown(demo, server);
                }
                tornDown.countDown();
            }, "demo-teardown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                DemoResult result = demo.run();
                out.println();
                out.println(BeforeAfterTable.render(result.before(), result.after()));
                out.println(result.summary());
                out.println("(" + result.metricsSource() + ")");
                writeOutputs(result);
                if (exit) {
                    done.set(true);
                    teardown(demo, server);
                    return verdict(result);
                }
                out.println("\nThe app stays up: open " + result.uiUrl() + (server != null
                        ? " . Ctrl-C stops it and the server." : " . `./mooring demo --exit` or Ctrl-C removes it."));
                if (server == null) {
                    done.set(true);
                    return verdict(result);
                }
                tornDown.await(); // until Ctrl-C; the hook tears down
                return verdict(result);
            } catch (YelbDemo.StepFailed e) {
                if (interrupted.get()) {
                    tornDown.await(); // the step failed because Ctrl-C stopped it: the hook tears down
                    return 130;
                }
                done.set(true);
                System.err.println("mooring demo: " + e.getMessage());
                List<String> left = demo.teardown();
                System.err.println(left.isEmpty() ? "mooring demo: removed what the demo had made"
                        : "mooring demo: left running: " + String.join("; ", left));
                if (server != null) {
                    server.close();
                }
                return 1;
            } catch (InterruptedException e) {
                tornDown.await();
                return 130;
            } finally {
                if (done.get()) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running
                    }
                }
                demo.close();
            }
        }
    }

    /** Exit status: 0 when the after phase had no failures, as the demo promises; 3 otherwise. */
    private int verdict(DemoResult result) {
        return result.after().failed() == 0 ? 0 : 3;
    }

    private void teardown(YelbDemo demo, MooringServer server) {
        try {
            List<String> left = demo.teardown();
            out.println(left.isEmpty() ? "mooring demo: stack removed" : "mooring demo: left: " + left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (server != null) {
                server.close();
                out.println("mooring demo: server stopped");
            }
        }
    }

    private void writeOutputs(DemoResult result) throws Exception {
        if (json != null) {
            Files.writeString(json, AwsApis.JSON.copy().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(result));
            out.println("wrote " + json);
        }
        if (report != null) {
            Files.writeString(report, HtmlReport.render(result));
            out.println("wrote " + report);
        }
    }

    private MooringServer startServer() throws Exception {
        int port = endpoint.getPort() == -1 ? 80 : endpoint.getPort();
        out.println("No Mooring answers at " + endpoint + "; starting one (state " + stateDir + ")");
        MooringServer server = MooringServer.builder().stateDir(stateDir).port(port)
                .runtime(MooringServer.RuntimeKind.PROCESS).bridge(bridge).taskCidr(taskCidr)
                .lbLoopbackPorts(Integer.parseInt(lbPorts.split("-")[0]), Integer.parseInt(lbPorts.split("-")[1]))
                .start();
        out.println("  serving on " + server.endpointUrl());
        return server;
    }
}
