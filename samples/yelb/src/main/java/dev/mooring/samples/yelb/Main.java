package dev.mooring.samples.yelb;

import dev.mooring.samples.yelb.appserver.AppServer;
import dev.mooring.samples.yelb.appserver.AppServerConfig;
import dev.mooring.samples.yelb.ui.UiConfig;
import dev.mooring.samples.yelb.ui.UiServer;
import java.util.Arrays;
import java.util.Locale;

/**
 * One entry point per container: {@code Main appserver} or {@code Main ui}, configured by the environment the
 * sample's task definitions set (sample-app.md §4.6). Runs until the process is signalled.
 *
 * <p>The single positional word is matched against {@link Role} directly rather than through picocli: these JVMs
 * start once per task and every class loaded before the port opens is start-up time.
 */
public final class Main {
    private static final int DRAIN_SECONDS = 5;

    private Main() {}

    /** What a container runs. */
    public enum Role { APPSERVER, UI }

    public static void main(String[] args) {
        Role role = args.length == 1 ? parse(args[0]) : null;
        if (role == null) {
            System.err.println("usage: java -cp ... dev.mooring.samples.yelb.Main appserver|ui  (got "
                    + Arrays.toString(args) + ")");
            System.exit(2);
        }
        try {
            Runnable drain = switch (role) {
                case APPSERVER -> {
                    AppServer server = AppServer.start(AppServerConfig.fromEnvironment(System.getenv()));
                    yield () -> server.drain(DRAIN_SECONDS);
                }
                case UI -> {
                    UiServer server = UiServer.start(UiConfig.fromEnvironment(System.getenv()));
                    yield () -> server.drain(DRAIN_SECONDS);
                }
            };
            // ECS stops a task with SIGTERM, then SIGKILL after stopTimeout (30 s by default): finish the requests
            // in flight before the JVM exits
            Runtime.getRuntime().addShutdownHook(new Thread(drain, "drain"));
        } catch (IllegalArgumentException | java.io.IOException e) {
            // like nginx's "host not found in upstream": the container exits and ECS replaces the task
            System.err.println("yelb-" + role.name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static Role parse(String word) {
        return switch (word) {
            case "appserver" -> Role.APPSERVER;
            case "ui" -> Role.UI;
            default -> null;
        };
    }
}
