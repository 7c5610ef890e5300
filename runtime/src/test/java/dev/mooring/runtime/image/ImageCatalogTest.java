package dev.mooring.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mooring.task.ContainerLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCatalogTest {
    @TempDir
    Path state;

    static ContainerLaunch container(String image, List<String> entryPoint, List<String> command, int port) {
        return new ContainerLaunch("c", image, entryPoint, command, Map.of(), null, true, List.of(), null, 30, null,
                port == 0 ? List.of() : List.of(new ContainerLaunch.Port("p", port, "tcp", null)), null, null, null,
                null);
    }

    @Test
    void firstStartWritesTheDocumentedFileAndTheSampleInitScript() throws Exception {
        ImageCatalog.open(state);
        assertThat(Files.readString(state.resolve("images.conf"))).contains("mooring/exec", "*yelb-sc-db*",
                "PATTERN  KIND");
        assertThat(Files.readString(state.resolve(ImageCatalog.YELB_DB_INIT)))
                .contains("CREATE TABLE restaurants", "'ihop', 0");
    }

    @Test
    void builtInsMatchTheSampleImages() throws Exception {
        ImageCatalog catalog = ImageCatalog.open(state);
        assertThat(catalog.resolve("public.ecr.aws/j7e2a1k3/redis-sc:4.0.2").orElseThrow().kind())
                .isInstanceOf(RedisImage.class);
        assertThat(catalog.resolve("redis:7").orElseThrow().kind()).isInstanceOf(RedisImage.class);
        assertThat(catalog.resolve("docker.io/library/postgres:15").orElseThrow().kind())
                .isInstanceOf(PostgresImage.class);
        PostgresImage db = (PostgresImage) catalog.resolve("public.ecr.aws/j7e2a1k3/yelb-sc-db:0.5").orElseThrow()
                .kind();
        assertThat(db.initScripts()).containsExactly(state.resolve(ImageCatalog.YELB_DB_INIT));
        assertThat(catalog.resolve("mooring/exec").orElseThrow().kind()).isInstanceOf(ExecImage.class);
        assertThat(catalog.resolve("nginx:latest")).isEmpty();
        assertThat(catalog.noMappingReason("nginx:latest")).startsWith("CannotPullContainerError: image 'nginx:latest'"
                + " has no mapping in " + state.resolve("images.conf") + "; add a line");
    }

    @Test
    void userLinesComeFirstAndApplyWithoutRestart() throws Exception {
        ImageCatalog catalog = ImageCatalog.open(state);
        Files.writeString(state.resolve("images.conf"), "redis:*  command /usr/bin/my-redis --fast\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(state.resolve("images.conf"), java.nio.file.attribute.FileTime.fromMillis(1));
        ImageRule rule = catalog.resolve("redis:7").orElseThrow();
        assertThat(rule.source()).isEqualTo("images.conf:" + Files.readAllLines(state.resolve("images.conf")).size());
        ImagePlan plan = rule.kind().plan(container("redis:7", null, List.of("--x"), 0), state, "198.18.0.0/16");
        assertThat(plan.argv()).containsExactly("/usr/bin/my-redis", "--fast", "--x");
        ImagePlan replaced = rule.kind().plan(container("redis:7", List.of("/bin/other"), null, 0), state, "x");
        assertThat(replaced.argv()).containsExactly("/bin/other");
    }

    @Test
    void aLineCanPinAVersionByItsTag() throws Exception {
        Path old = Files.writeString(state.resolve("redis-4"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(old, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        ImageCatalog catalog = ImageCatalog.open(state);
        Files.writeString(state.resolve("images.conf"), "redis:4.0.2  redis server=redis-4\n"
                + "redis:latest  command /usr/bin/latest-redis\n", java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(state.resolve("images.conf"), java.nio.file.attribute.FileTime.fromMillis(1));
        for (String pinned : List.of("redis:4.0.2", "docker.io/library/redis:4.0.2", "docker.io/redis:4.0.2")) {
            ImageRule rule = catalog.resolve(pinned).orElseThrow();
            assertThat(rule.source()).as(pinned).endsWith(":" + (lineCount() - 1));
            ImagePlan plan = rule.kind().plan(container(pinned, null, null, 6390), state, "x");
            assertThat(plan.argv()).as(pinned).startsWith(old.toString(), "--port", "6390");
        }
        // another tag is not pinned: the built-in rule runs the usual redis-server
        for (String other : List.of("redis:7", "docker.io/library/redis:4.0.20", "redis:4.0.2-alpine")) {
            ImageRule rule = catalog.resolve(other).orElseThrow();
            assertThat(rule.source()).as(other).isEqualTo("built-in");
            assertThat(rule.kind().plan(container(other, null, null, 0), state, "x").argv().getFirst())
                    .as(other).isNotEqualTo(old.toString());
        }
        // no tag is the tag latest, as Docker reads it
        assertThat(catalog.resolve("redis").orElseThrow().source()).endsWith(":" + lineCount());
        assertThat(catalog.resolve("docker.io/library/redis").orElseThrow().source()).endsWith(":" + lineCount());
    }

    @Test
    void canonicalReferencesAreDockerHubsShortForm() {
        assertThat(ImageRule.canonical("docker.io/library/redis:7")).isEqualTo("redis:7");
        assertThat(ImageRule.canonical("index.docker.io/bitnami/redis")).isEqualTo("bitnami/redis:latest");
        assertThat(ImageRule.canonical("redis@sha256:abc")).isEqualTo("redis@sha256:abc");
        assertThat(ImageRule.canonical("localhost:5000/redis")).isEqualTo("localhost:5000/redis:latest");
        assertThat(ImageRule.canonical("public.ecr.aws/j7e2a1k3/redis-sc:4.0.2"))
                .isEqualTo("public.ecr.aws/j7e2a1k3/redis-sc:4.0.2");
    }

    @Test
    void aPinnedRedisServerThatIsMissingStopsTheContainerClearly() throws Exception {
        Files.writeString(state.resolve("images.conf"), "redis:6  redis server=/nonexistent/redis-server\n");
        ImageRule rule = ImageCatalog.open(state).resolve("redis:6").orElseThrow();
        assertThatThrownBy(() -> rule.kind().plan(container("redis:6", null, null, 0), state, "x"))
                .isInstanceOf(ImageException.class).hasMessageContaining("/nonexistent/redis-server")
                .hasMessageStartingWith("CannotStartContainerError");
        Files.writeString(state.resolve("images.conf"), "redis:6  redis --port=1\n");
        Files.setLastModifiedTime(state.resolve("images.conf"), java.nio.file.attribute.FileTime.fromMillis(2));
        assertThatThrownBy(() -> ImageCatalog.open(state)).isInstanceOf(IOException.class)
                .hasMessageContaining("images.conf:1").hasMessageContaining("server=PATH");
    }

    private int lineCount() throws IOException {
        return Files.readAllLines(state.resolve("images.conf")).size();
    }

    @Test
    void badLinesSayWhereAndWhat() throws Exception {
        Files.writeString(state.resolve("images.conf"), "# mine\nfoo:*  launch /bin/true\n");
        assertThatThrownBy(() -> ImageCatalog.open(state)).isInstanceOf(IOException.class)
                .hasMessageContaining("images.conf:2").hasMessageContaining("unknown kind 'launch'");
    }

    @Test
    void globsSpanSlashesAndQuoteEverythingElse() {
        ImageRule rule = new ImageRule("*redis-sc*", new ExecImage(), "t");
        assertThat(rule.matches("public.ecr.aws/j7e2a1k3/redis-sc:4.0.2")).isTrue();
        assertThat(new ImageRule("a.b?", new ExecImage(), "t").matches("a.bc")).isTrue();
        assertThat(new ImageRule("a.b?", new ExecImage(), "t").matches("axbc")).isFalse();
    }

    @Test
    void execRunsEntryPointThenCommandAndNeedsOne() throws Exception {
        ImagePlan plan = new ExecImage().plan(container("mooring/exec", List.of("/bin/sh", "-c"), List.of("echo hi"), 0),
                state, "x");
        assertThat(plan.argv()).containsExactly("/bin/sh", "-c", "echo hi");
        assertThatThrownBy(() -> new ExecImage().plan(container("mooring/exec", null, null, 0), state, "x"))
                .isInstanceOf(ImageException.class).hasMessageContaining("give the container definition a command");
    }

    @Test
    void serverImagesListenOnTheContainerPort() throws Exception {
        Binaries binaries = new Binaries(state);
        ImagePlan redis = new RedisImage(binaries).plan(container("redis", null, null, 6380), state, "x");
        assertThat(redis.argv()).containsSequence("--port", "6380").containsSequence("--bind", "0.0.0.0")
                .containsSequence("--save", "");
        assertThat(Path.of(redis.argv().getFirst())).isExecutable();
        ImagePlan pg = new PostgresImage(binaries, List.of()).plan(container("postgres", null, null, 0), state,
                "198.18.0.0/16");
        assertThat(pg.argv()).contains("5432", "198.18.0.0/16", state.resolve("pgdata").toString());
    }

    @Test
    void yelbTiersRunTheJavaSampleWithASmallHeap() throws Exception {
        ImageCatalog catalog = ImageCatalog.open(state);
        for (String image : List.of("public.ecr.aws/j7e2a1k3/yelb-sc-appserver:latest", "mreferre/yelb-appserver:0.7")) {
            assertThat(catalog.resolve(image).orElseThrow().kind()).isInstanceOfSatisfying(YelbImage.class,
                    y -> assertThat(List.of(y.tier(), y.sampleDir())).isEqualTo(List.of("appserver",
                            YelbImage.locateSample())));
        }
        for (String image : List.of("public.ecr.aws/j7e2a1k3/yelb-sc-ui:latest", "mreferre/yelb-ui:0.10")) {
            assertThat(catalog.resolve(image).orElseThrow().kind()).isInstanceOfSatisfying(YelbImage.class,
                    y -> assertThat(List.of(y.tier(), y.sampleDir())).isEqualTo(List.of("ui",
                            YelbImage.locateSample())));
        }
        assertThat(((PostgresImage) catalog.resolve("mreferre/yelb-db:0.6").orElseThrow().kind()).initScripts())
                .containsExactly(state.resolve(ImageCatalog.YELB_DB_INIT));
        // found from runtime/target/classes upwards: the source tree this test runs in
        assertThat(YelbImage.locateSample()).contains(Path.of("").toAbsolutePath().getParent().resolve("samples/yelb"));

        Path sample = Files.createDirectories(state.resolve("yelb/target/lib"));
        Binaries binaries = new Binaries(state);
        YelbImage ui = new YelbImage("ui", java.util.Optional.of(sample.getParent().getParent()), binaries);
        assertThatThrownBy(() -> ui.plan(container("yelb-sc-ui", null, null, 80), state, "x"))
                .isInstanceOf(ImageException.class).hasMessageContaining("the YELB sample is not built");
        Files.writeString(sample.getParent().resolve("mooring-sample-yelb-1.jar"), "");
        Files.writeString(sample.resolve("jedis.jar"), "");
        // a build under a directory others cannot search (mktemp -d makes 0700): containers get a copy they can read
        Files.setPosixFilePermissions(state.resolve("yelb"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwx------"));
        ImagePlan plan = ui.plan(container("yelb-sc-ui", null, null, 80), state, "x");
        assertThat(plan.argv()).containsSubsequence(Path.of(System.getProperty("java.home"), "bin/java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp");
        assertThat(plan.argv()).endsWith("dev.mooring.samples.yelb.Main", "ui");
        String classpath = plan.argv().get(plan.argv().indexOf("-cp") + 1);
        Path jar = Path.of(classpath.substring(0, classpath.indexOf(':')));
        assertThat(jar.getFileName()).hasToString("mooring-sample-yelb-1.jar");
        assertThat(jar).startsWith(state.resolve("bin")).exists();
        assertThat(jar.getParent().resolve("lib/jedis.jar")).exists();
        assertThat(classpath).isEqualTo(jar + ":" + jar.getParent().resolve("lib") + "/*");
        for (Path p = jar; !p.equals(state); p = p.getParent()) {
            assertThat(Files.getPosixFilePermissions(p)).as("%s readable by others", p)
                    .contains(Files.isDirectory(p) ? java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE
                            : java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        }
        assertThatThrownBy(() -> new YelbImage("ui", java.util.Optional.empty(), binaries)
                .plan(container("yelb-sc-ui", null, null, 80), state, "x"))
                .isInstanceOf(ImageException.class).hasMessageContaining("-Dmooring.samples.yelb");
    }
}
