package dev.mooring.samples.yelb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.runtime.image.Binaries;
import dev.mooring.runtime.image.ImageCatalog;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * yelb-db and yelb-redis for the tests, as Mooring's runtime runs them for the sample's images: the runtime's
 * redis-server (the machine's, else the one shipped in embedded-redis) and its PostgreSQL entrypoint with the
 * yelb-db seed the image catalog writes for {@code *yelb-sc-db*}, run as {@code nobody} (PostgreSQL refuses root),
 * both on loopback ports of their own. setpriv execs, so the process this class signals is PostgreSQL itself.
 */
public final class YelbBackends implements AutoCloseable {
    /** Where the catalog keeps the yelb-db seed, relative to its state directory (ImageCatalog.YELB_DB_INIT). */
    private static final String YELB_DB_SEED = "initdb/yelb-db.sql";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    public final int redisPort;
    public final int postgresPort;
    private final Path dir;
    private final Process redis;
    private final Process postgres;

    private YelbBackends(Path dir, int redisPort, Process redis, int postgresPort, Process postgres) {
        this.dir = dir;
        this.redisPort = redisPort;
        this.redis = redis;
        this.postgresPort = postgresPort;
        this.postgres = postgres;
    }

    public static YelbBackends start() throws Exception {
        assertThat(new ProcessBuilder("id", "-u").start().inputReader().readLine())
                .as("these tests run PostgreSQL as nobody through setpriv, which needs root").isEqualTo("0");
        Path dir = Files.createTempDirectory("yelb-backends");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Binaries binaries = new Binaries(dir);
        ImageCatalog.open(dir); // writes the yelb-db seed, as the server does on its first start
        Path seed = dir.resolve(YELB_DB_SEED);
        assertThat(seed).as("the image catalog's yelb-db seed").isReadable();

        int redisPort = freePort();
        Process redis = new ProcessBuilder(binaries.redisServer().toString(), "--port", Integer.toString(redisPort),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();

        Path home = Files.createDirectory(dir.resolve("postgres"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        int postgresPort = freePort();
        Process postgres = new ProcessBuilder(List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", "/bin/sh",
                binaries.postgresEntrypoint().toString(), binaries.postgresBin().toString(),
                home.resolve("pgdata").toString(), Integer.toString(postgresPort), "127.0.0.0/8", seed.toString()))
                .directory(new File("/")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("postgres.log").toFile()).start();

        YelbBackends backends = new YelbBackends(dir, redisPort, redis, postgresPort, postgres);
        try {
            await("redis-server on :" + redisPort).atMost(START_TIMEOUT).ignoreExceptions()
                    .until(() -> { try (Jedis j = new Jedis("127.0.0.1", redisPort)) {
                        return j.ping().equals("PONG"); } });
            await("PostgreSQL with the yelb seed on :" + postgresPort + " (log: " + dir.resolve("postgres.log")
                    + ")").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> backends.sql("SELECT count(*) FROM restaurants").equals("4"));
        } catch (RuntimeException e) {
            backends.close();
            throw new AssertionError(e.getMessage() + "\npostgres.log:\n" + read(dir.resolve("postgres.log"))
                    + "\nredis.log:\n" + read(dir.resolve("redis.log")), e);
        }
        return backends;
    }

    /** Zero votes and no page views, as a freshly started yelb-db and yelb-redis have. */
    public void reset() throws Exception {
        sql("UPDATE restaurants SET count = 0");
        try (Jedis j = new Jedis("127.0.0.1", redisPort)) {
            j.del("pageviews");
        }
    }

    /** Runs one statement in yelbdatabase; a query's first column of its first row, else the update count. */
    public String sql(String statement) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort
                + "/yelbdatabase", "postgres", "");
             Statement s = db.createStatement()) {
            if (s.execute(statement)) {
                try (ResultSet rs = s.getResultSet()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
            return Integer.toString(s.getUpdateCount());
        }
    }

    public String redisGet(String key) {
        try (Jedis j = new Jedis("127.0.0.1", redisPort)) {
            return j.get(key);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(none)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : List.of(postgres, redis)) {
            p.destroy(); // SIGTERM: PostgreSQL's smart shutdown, redis' clean exit
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
