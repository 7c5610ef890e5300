package dev.mooring.runtime.image;

import dev.mooring.task.ContainerLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One tier of the YELB sample in Java ({@code samples/yelb}): {@code dev.mooring.samples.yelb.Main appserver|ui}
 * on the JDK that runs Mooring, with a small heap so that a dozen of them fit a laptop. The class path is the
 * sample's jar and its {@code target/lib}, found at plan time so a rebuilt sample applies to the next task.
 *
 * @param tier       {@code appserver} or {@code ui}
 * @param sampleDir  the sample module's directory ({@code samples/yelb}); empty when Mooring runs outside its
 *                   source tree and {@code -Dmooring.samples.yelb} does not name it
 * @param binaries   where the class path is copied so that the container's user can read it
 */
public record YelbImage(String tier, Optional<Path> sampleDir, Binaries binaries) implements ImageKind {
    /** Small JVM flags: the two tiers are tiny servers, and a dozen JVMs share the machine. */
    static final List<String> SMALL_JVM = List.of("-Xmx32m", "-Xss256k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m",
            "-XX:MaxMetaspaceSize=64m", "-XX:-UsePerfData");
    static final String MAIN_CLASS = "dev.mooring.samples.yelb.Main";

    @Override
    public ImagePlan plan(ContainerLaunch container, Path home, String taskCidr) throws ImageException {
        Path dir = sampleDir.orElseThrow(() -> new ImageException("CannotPullContainerError: the YELB sample "
                + "(samples/yelb) was not found next to Mooring; run Mooring from its source tree (./mooring) or"
                + " name the module's directory with -Dmooring.samples.yelb=DIR", null));
        Path jar = sampleJar(dir);
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(SMALL_JVM);
        argv.add("-cp");
        argv.add(binaries.readableClasspath(jar, dir.resolve("target/lib")));
        argv.add(MAIN_CLASS);
        argv.add(tier);
        return new ImagePlan(argv, Map.of());
    }

    private static Path sampleJar(Path dir) throws ImageException {
        Path target = dir.resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            Optional<Path> jar = files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith("mooring-sample-yelb-") && name.endsWith(".jar")
                        && !name.endsWith("-tests.jar") && !name.endsWith("-sources.jar");
            }).findFirst();
            if (jar.isPresent() && Files.isDirectory(target.resolve("lib"))) {
                return jar.get();
            }
        } catch (IOException e) {
            // not built yet: the message below says what to do
        }
        throw new ImageException("CannotPullContainerError: the YELB sample is not built (no jar and lib/ in "
                + target + "); run ./mooring, which builds it, or mvn -pl samples/yelb -am package");
    }

    /**
     * The sample's directory: {@code -Dmooring.samples.yelb}, else {@code samples/yelb} in the source tree Mooring
     * runs from (found upwards from where its runtime classes were loaded: {@code runtime/target/classes} or
     * {@code cli/target/lib/mooring-runtime-*.jar}).
     */
    static Optional<Path> locateSample() {
        String property = System.getProperty("mooring.samples.yelb");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property).toAbsolutePath());
        }
        try {
            Path here = Path.of(YelbImage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("samples/yelb/pom.xml"))) {
                    return Optional.of(dir.resolve("samples/yelb"));
                }
            }
        } catch (Exception e) {
            // no code source (unusual class loader): only the property can say
        }
        return Optional.empty();
    }
}
