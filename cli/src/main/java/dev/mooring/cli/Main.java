package dev.mooring.cli;

import dev.mooring.chaos.ChaosCommand;
import dev.mooring.demo.DemoCommand;
import dev.mooring.loadgen.TrafficCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./mooring}. */
@Command(name = "mooring", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Amazon ECS Service Connect and AWS Cloud Map on one Linux machine.",
        subcommands = {DemoCommand.class, ServerCommand.class, StatusCommand.class, LbCommand.class,
                MetricsCommand.class, LogsCommand.class, TrafficCommand.class, ChaosCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mooring " + (v == null ? "development build" : v)
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
