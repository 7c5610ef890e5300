package dev.mooring.server.it;

import static dev.mooring.server.it.RealMooring.exec;
import static dev.mooring.server.it.RealMooring.netns;
import static dev.mooring.server.it.RealMooring.netnsPids;
import static dev.mooring.server.it.RealMooring.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mooring.runtime.net.Host;
import dev.mooring.runtime.net.NetworkConfig;
import dev.mooring.server.MooringServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A second server started against a live one (same state directory, same port, same bridge, same task CIDR) is
 * refused with one line, and the first keeps serving with its task running: nothing of it is touched.
 */
class SecondServerTest {
    @TempDir
    Path stateDir;
    @TempDir
    Path otherStateDir;

    @Test
    void aSecondServerIsRefusedAndTheFirstIsUndisturbed() throws Exception {
        try (RealMooring first = RealMooring.start(stateDir)) {
            EcsClient ecs = first.ecs();
            ecs.createCluster(b -> b.clusterName("default"));
            ecs.registerTaskDefinition(b -> b.family("sleeper").networkMode("awsvpc").cpu("256").memory("512")
                    .containerDefinitions(exec("sleeper", "/bin/sleep", "600").build()));
            String arn = ecs.runTask(b -> b.taskDefinition("sleeper").launchType("FARGATE")).tasks().getFirst()
                    .taskArn();
            first.awaitTask("default", arn, t -> "RUNNING".equals(t.lastStatus()), Duration.ofSeconds(60));
            String ns = netns(taskId(arn));
            await().atMost(Duration.ofSeconds(10)).until(() -> !netnsPids(ns).isEmpty());
            List<Long> pids = netnsPids(ns);
            NetworkConfig other = Host.uniqueConfig(otherStateDir, "mit");
            int port = first.server().apiAddress().getPort();

            assertThatThrownBy(() -> second(stateDir, 0, other.bridge(), other.cidr()))
                    .hasMessageContaining("state directory " + stateDir + " is in use by another running Mooring")
                    .hasMessageNotContaining("\n");
            assertThatThrownBy(() -> second(otherStateDir, port, other.bridge(), other.cidr()))
                    .hasMessageContaining("port " + port + " on 127.0.0.1 is in use").hasMessageNotContaining("\n");
            assertThatThrownBy(() -> second(otherStateDir, 0, first.bridge, first.cidr))
                    .hasMessageContaining("bridge " + first.bridge + " belongs to another running Mooring")
                    .hasMessageNotContaining("\n");
            assertThatThrownBy(() -> second(otherStateDir, 0, other.bridge(), first.cidr))
                    .hasMessageContaining("the task CIDR " + first.cidr + " overlaps");

            // the first server still answers, its task still runs in the same namespace with the same processes
            assertThat(ecs.describeTasks(b -> b.cluster("default").tasks(arn)).tasks().getFirst().lastStatus())
                    .isEqualTo("RUNNING");
            assertThat(netnsPids(ns)).containsAll(pids);
            assertThat(pids).allMatch(RealMooring::running);
            assertThat(RealMooring.linkExists(first.bridge)).isTrue();
        }
    }

    private static void second(Path stateDir, int port, String bridge, String cidr) throws InterruptedException {
        MooringServer.builder().stateDir(stateDir).port(port).runtime(MooringServer.RuntimeKind.PROCESS)
                .bridge(bridge).taskCidr(cidr).dnsPort(53).start().close();
    }
}
