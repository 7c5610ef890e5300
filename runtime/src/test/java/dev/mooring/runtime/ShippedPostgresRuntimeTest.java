package dev.mooring.runtime;

import static dev.mooring.runtime.ProcessRuntimeTest.container;
import static dev.mooring.runtime.ProcessRuntimeTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.runtime.image.Binaries;
import dev.mooring.runtime.image.ImageCatalog;
import dev.mooring.runtime.net.Host;
import dev.mooring.runtime.net.NetworkConfig;
import dev.mooring.task.ContainerLaunch.Port;
import dev.mooring.task.ContainerLaunch;
import dev.mooring.task.TaskLaunch;
import dev.mooring.task.TaskObservation;
import dev.mooring.task.TaskStatus;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample's database on the PostgreSQL Mooring ships, as on a machine without one. Needs root, as CI has. */
class ShippedPostgresRuntimeTest {
    static final Path PSQL = Path.of("/usr/bin/psql");
    @TempDir
    Path state;

    @Test
    void yelbDbRunsOnTheShippedPostgresWhenTheMachineHasNone() throws Exception {
        assertThat(ProcessHandle.current().info().user()).as("the process runtime needs root").contains("root");
        assertThat(PSQL).as("the test queries the database with Debian's psql").isExecutable();
        NetworkConfig net = Host.uniqueConfig(state, "mzk");
        Path root = ProcessRuntime.taskRoot(state, net);
        Binaries shippedOnly = new Binaries(root, state.resolve("no-postgresql"));
        try (ProcessRuntime runtime = ProcessRuntime.create(state, net, ImageCatalog.open(state, shippedOnly))) {
            ContainerLaunch db = container("yelb-db", "public.ecr.aws/j7e2a1k3/yelb-sc-db:0.5", null);
            db = new ContainerLaunch(db.name(), db.image(), null, null, Map.of("POSTGRES_PASSWORD", "pw"), null,
                    true, List.of(), null, 10, null, List.of(new Port("yelb-db", 5432, "tcp", null)), null, null,
                    "ecs/test", "yelb");
            String id = HexFormat.of().formatHex(ByteBuffer.allocate(16)
                    .putLong(ThreadLocalRandom.current().nextLong()).putLong(System.nanoTime()).array());
            runtime.launch(new TaskLaunch("arn:aws:ecs:us-east-1:000000000000:task/test/" + id, id, "us-east-1",
                    "test", "fam", 1, List.of(db), List.of(), 256, 512));
            await().atMost(Duration.ofSeconds(60)).until(() -> runtime.observe(id).orElseThrow().lastStatus()
                    .equals(TaskStatus.RUNNING));
            String ip = runtime.observe(id).orElseThrow().privateIpv4();

            List<String> psql = List.of(PSQL.toString(), "-h", ip, "-U", "postgres", "-d", "yelbdatabase", "-tA",
                    "-c", "SELECT rtrim(name), count, version() FROM restaurants ORDER BY name");
            await().atMost(Duration.ofSeconds(90)).until(() -> run(psql), out -> out.startsWith("bucadibeppo|0"));
            assertThat(run(psql).lines()).hasSize(4).allSatisfy(l -> assertThat(l).contains("|0|PostgreSQL 15.10 "))
                    .map(l -> l.substring(0, l.indexOf('|')))
                    .containsExactly("bucadibeppo", "chipotle", "ihop", "outback");
            assertThat(shippedOnly.postgresBin()).startsWith(root.resolve("bin"));

            runtime.stop(id, "done");
            await().atMost(Duration.ofSeconds(60)).until(() -> runtime.observe(id).orElseThrow().lastStatus()
                    .equals(TaskStatus.STOPPED));
            TaskObservation stopped = runtime.observe(id).orElseThrow();
            assertThat(ProcessRuntimeTest.container(stopped, "yelb-db").exitCode()).isZero();
        }
    }
}
