package dev.mooring.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real processes in a PID namespace of their own, as the net package's prefix makes them; needs root. */
class SandboxProcessTest {
    // the PID and mount part of TaskSandbox's prefix, without a network namespace
    static final List<String> PID_NAMESPACE = List.of("unshare", "--pid", "--fork", "--mount-proc", "--kill-child",
            "--");
    static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRoot() {
        assertThat(ProcessHandle.current().info().user()).as("these tests start namespaces and must run as root")
                .contains("root");
    }

    @AfterAll
    static void removeTestCgroups() throws Exception {
        Cgroups.detect("test-" + ProcessHandle.current().pid()).removeAll();
    }

    ProcessSpec spec(List<String> argv, List<Path> cgroups) {
        return new ProcessSpec(PID_NAMESPACE, argv, ENV, dir, RunAs.NOBODY, dir.resolve("out.log"), cgroups);
    }

    @Test
    void runsAsNobodyWithoutCapabilitiesSeeingOnlyItsOwnProcesses() throws Exception {
        SandboxProcess p = SandboxProcess.start(spec(List.of("/bin/sh", "-c",
                "id -u; grep CapEff /proc/self/status; ps -e -o pid=,comm="), List.of()));
        assertThat(p.exit().get(20, TimeUnit.SECONDS)).isZero();
        List<String> out = Files.readAllLines(dir.resolve("out.log"));
        assertThat(out.getFirst()).isEqualTo("65534");
        assertThat(out.get(1)).matches("CapEff:\\s+0+");
        // the init shell is PID 1; the only other processes are the program and ps
        assertThat(out.subList(2, out.size())).allSatisfy(l -> assertThat(l.strip()).matches("\\d+ (sh|ps)"))
                .anySatisfy(l -> assertThat(l.strip()).isEqualTo("1 sh"));
    }

    @Test
    void sigtermReachesAProgramUnderTheInit() throws Exception {
        SandboxProcess p = SandboxProcess.start(spec(List.of("/bin/sleep", "600"), List.of()));
        await().until(() -> ProcessHandle.of(p.pid()).orElseThrow().descendants().count() >= 2);
        p.terminate();
        assertThat(p.exit().get(20, TimeUnit.SECONDS)).isEqualTo(143);
    }

    @Test
    void sigkillEndsAProgramThatIgnoresSigterm() throws Exception {
        SandboxProcess p = SandboxProcess.start(spec(List.of("/bin/sh", "-c",
                "trap '' TERM; echo ready; while :; do sleep 1; done"), List.of()));
        await().until(() -> Files.readString(dir.resolve("out.log")).contains("ready"));
        p.terminate();
        assertThat(p.exit().completeOnTimeout(-1, 1, TimeUnit.SECONDS).get()).isEqualTo(-1);
        p.kill();
        assertThat(p.exit().get(20, TimeUnit.SECONDS)).isEqualTo(137);
    }

    @Test
    void memoryLimitGetsTheProgramOomKilledAndReported() throws Exception {
        Cgroups cgroups = Cgroups.detect("test-" + ProcessHandle.current().pid());
        String task = "test" + ProcessHandle.current().pid() + "x" + System.nanoTime();
        try {
            CgroupPlacement placement = cgroups.place(task, "hog", null, null, 128, 16);
            assertThat(placement.applied()).contains("memory 16 MiB", "cpu.shares 128");
            SandboxProcess p = SandboxProcess.start(spec(List.of("/usr/bin/python3", "-c",
                    "b = b'x' * (256 << 20); print('survived')"), placement.procsFiles()));
            assertThat(p.exit().get(60, TimeUnit.SECONDS)).isEqualTo(137);
            assertThat(cgroups.oomKilled(task, "hog")).isTrue();
            assertThat(Files.readString(dir.resolve("out.log"))).doesNotContain("survived");
        } finally {
            cgroups.remove(task);
        }
        assertThat(Cgroups.deepestFirst(Path.of("/sys/fs/cgroup/memory/mooring", "test-" + ProcessHandle.current().pid(), task))).isEmpty();
    }

    @Test
    void removeKillsWhatStillRunsInTheTaskCgroups() throws Exception {
        Cgroups cgroups = Cgroups.detect("test-" + ProcessHandle.current().pid());
        String task = "test" + ProcessHandle.current().pid() + "y" + System.nanoTime();
        CgroupPlacement placement = cgroups.place(task, "c", null, null, null, null);
        SandboxProcess p = SandboxProcess.start(spec(List.of("/bin/sleep", "600"), placement.procsFiles()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(placement.procsFiles().getFirst())
                .size() >= 3);
        cgroups.remove(task);
        assertThat(p.exit().get(20, TimeUnit.SECONDS)).isNotZero();
        assertThat(placement.procsFiles().getFirst().getParent()).doesNotExist();
    }
}
