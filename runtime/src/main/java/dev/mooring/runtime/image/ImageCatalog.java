package dev.mooring.runtime.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Maps image references to local programs through {@code <stateDir>/images.conf}. The file holds the user's lines,
 * tried first, in order; the built-in rules follow them (the file lists them as comments). The file is written with
 * its documentation on first start and re-read whenever it changes, so lines added while the server runs apply to
 * the next task.
 *
 * <p>Line format, fields separated by blanks: {@code PATTERN KIND [ARGUMENTS...]}; {@code #} starts a comment line.
 * <ul>
 *   <li>{@code exec} runs the container's own entryPoint and command ({@code mooring/exec} is mapped to it);</li>
 *   <li>{@code command PROGRAM [ARG...]} runs PROGRAM as the image's entrypoint: a container entryPoint replaces it,
 *       a container command is appended;</li>
 *   <li>{@code redis [server=PATH]} runs a real redis-server on the container port, PATH's when given;</li>
 *   <li>{@code postgres [init=FILE ...]} runs a real PostgreSQL on the container port; FILEs ({@code .sql} or
 *       {@code .sh}, relative to the state directory) run once after the database is created.</li>
 * </ul>
 * Built in only: the YELB sample's app server and UI ({@link YelbImage}), which have no line kind of their own.
 */
public final class ImageCatalog {
    public static final String FILE_NAME = "images.conf";
    /** The catch-all image, documented in images.conf. */
    public static final String EXEC_IMAGE = "mooring/exec";
    static final String YELB_DB_INIT = "initdb/yelb-db.sql";

    private final Path stateDir;
    private final Path file;
    private final Binaries binaries;
    private final List<ImageRule> builtIns;
    private FileTime loadedAt;
    private List<ImageRule> userRules = List.of();

    private ImageCatalog(Path stateDir, Binaries binaries) {
        this.stateDir = stateDir;
        this.file = stateDir.resolve(FILE_NAME);
        this.binaries = binaries;
        Optional<Path> yelbSample = YelbImage.locateSample();
        this.builtIns = List.of(
                new ImageRule(EXEC_IMAGE, new ExecImage(), "built-in"),
                new ImageRule("redis*", new RedisImage(binaries), "built-in"),
                new ImageRule("*/redis*", new RedisImage(binaries), "built-in"),
                new ImageRule("*redis-sc*", new RedisImage(binaries), "built-in"),
                new ImageRule("postgres*", new PostgresImage(binaries, List.of()), "built-in"),
                new ImageRule("*/postgres*", new PostgresImage(binaries, List.of()), "built-in"),
                new ImageRule("*yelb-sc-db*", new PostgresImage(binaries, List.of(stateDir.resolve(YELB_DB_INIT))),
                        "built-in"),
                new ImageRule("*mreferre/yelb-db*",
                        new PostgresImage(binaries, List.of(stateDir.resolve(YELB_DB_INIT))), "built-in"),
                new ImageRule("*yelb-sc-appserver*", new YelbImage("appserver", yelbSample, binaries), "built-in"),
                new ImageRule("*mreferre/yelb-appserver*", new YelbImage("appserver", yelbSample, binaries), "built-in"),
                new ImageRule("*yelb-sc-ui*", new YelbImage("ui", yelbSample, binaries), "built-in"),
                new ImageRule("*mreferre/yelb-ui*", new YelbImage("ui", yelbSample, binaries), "built-in"));
    }

    /** Opens the catalog of a state directory, writing the documented file and the sample's init script if absent. */
    public static ImageCatalog open(Path stateDir) throws IOException {
        return open(stateDir, new Binaries(stateDir));
    }

    public static ImageCatalog open(Path stateDir, Binaries binaries) throws IOException {
        ImageCatalog catalog = new ImageCatalog(stateDir, binaries);
        catalog.writeDefaults();
        catalog.reloadIfChanged();
        return catalog;
    }

    public Path file() {
        return file;
    }

    /** The first rule matching the image: the user's lines, then the built-ins. */
    public synchronized Optional<ImageRule> resolve(String image) throws ImageException {
        try {
            reloadIfChanged();
        } catch (IOException e) {
            throw new ImageException("CannotPullContainerError: cannot read " + file + ": " + e, e);
        }
        return Stream.concat(userRules.stream(), builtIns.stream())
                .filter(r -> r.matches(image)).findFirst();
    }

    /** The stopped reason for an image no rule matches. */
    public String noMappingReason(String image) {
        return "CannotPullContainerError: image '" + image + "' has no mapping in " + file + "; add a line such as '"
                + image + " command /path/to/program' (or '" + image + " exec' to run the container's own"
                + " entryPoint and command)";
    }

    private void reloadIfChanged() throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        if (modified.equals(loadedAt)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<ImageRule> rules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                rules.add(parse(line, FILE_NAME + ":" + (i + 1)));
            }
        }
        userRules = List.copyOf(rules);
        loadedAt = modified;
    }

    private ImageRule parse(String line, String source) throws IOException {
        List<String> fields = Arrays.asList(line.split("\\s+"));
        if (fields.size() < 2) {
            throw bad(source, "needs an image pattern and a kind (exec, command, redis or postgres)");
        }
        List<String> args = fields.subList(2, fields.size());
        ImageKind kind = switch (fields.get(1)) {
            case "exec" -> {
                if (!args.isEmpty()) {
                    throw bad(source, "'exec' takes no arguments; it runs the container's entryPoint and command");
                }
                yield new ExecImage();
            }
            case "command" -> {
                if (args.isEmpty()) {
                    throw bad(source, "'command' needs the program to run, e.g. 'command /usr/bin/python3 app.py'");
                }
                yield new CommandImage(args);
            }
            case "redis" -> {
                if (args.size() > 1 || args.size() == 1 && (!args.getFirst().startsWith("server=")
                        || args.getFirst().length() == "server=".length())) {
                    throw bad(source, "'redis' takes only server=PATH, the redis-server to run");
                }
                yield new RedisImage(binaries, args.isEmpty() ? null
                        : stateDir.resolve(args.getFirst().substring("server=".length())));
            }
            case "postgres" -> {
                List<Path> init = new ArrayList<>();
                for (String arg : args) {
                    if (!arg.startsWith("init=") || arg.length() == "init=".length()) {
                        throw bad(source, "'postgres' takes only init=FILE arguments, got '" + arg + "'");
                    }
                    init.add(stateDir.resolve(arg.substring("init=".length())));
                }
                yield new PostgresImage(binaries, init);
            }
            default -> throw bad(source, "unknown kind '" + fields.get(1)
                    + "'; use exec, command, redis or postgres");
        };
        return new ImageRule(fields.getFirst(), kind, source);
    }

    private IOException bad(String source, String problem) {
        return new IOException(file.getParent().resolve(source) + ": " + problem);
    }

    private void writeDefaults() throws IOException {
        Files.createDirectories(stateDir);
        Path init = stateDir.resolve(YELB_DB_INIT);
        if (!Files.exists(init)) {
            Files.createDirectories(init.getParent());
            Files.writeString(init, YELB_DB_SQL);
        }
        if (!Files.exists(file)) {
            Files.writeString(file, DOCUMENTATION);
        }
    }

    // sample-app.md §11.3: the yelb-db image's init script, verbatim in effect
    private static final String YELB_DB_SQL = """
            CREATE DATABASE yelbdatabase;
            \\connect yelbdatabase;
            CREATE TABLE restaurants (
                name        char(30),
                count       integer,
                PRIMARY KEY (name)
            );
            INSERT INTO restaurants (name, count) VALUES ('outback', 0);
            INSERT INTO restaurants (name, count) VALUES ('bucadibeppo', 0);
            INSERT INTO restaurants (name, count) VALUES ('chipotle', 0);
            INSERT INTO restaurants (name, count) VALUES ('ihop', 0);
            """;

    private static final String DOCUMENTATION = """
            # Mooring image catalog.
            #
            # Mooring runs containers as local programs, not images. Each line maps image references to a program:
            #
            #   PATTERN  KIND  [ARGUMENTS...]
            #
            # PATTERN is a glob over the whole image reference: '*' matches anything (slashes included), '?' one
            # character. It is also tried on the reference in Docker Hub's short form ('docker.io/library/redis:7'
            # is 'redis:7', 'redis' is 'redis:latest'), so a line can pin a version by its tag: 'redis:4.0.2' matches
            # that tag only and 'redis:7' leaves it to other lines. Lines are tried top to bottom and the first match
            # wins; your lines come before the built-in rules listed at the end. Fields are separated by blanks (no quoting). Changes apply to the
            # next task started; a task whose image matches nothing stops with CannotPullContainerError.
            #
            # KIND is one of:
            #   exec                      run the container's own entryPoint + command as given (no program of its
            #                             own). The image 'mooring/exec' is mapped to it, so any local program can be
            #                             a task: {"image": "mooring/exec", "command": ["/usr/bin/python3", "app.py"]}
            #   command PROGRAM [ARG...]  run PROGRAM as the image's entrypoint: the container's entryPoint replaces
            #                             it and the container's command is appended, as Docker does
            #   redis [server=PATH]       a real redis-server on the container port (first port mapping, else 6379),
            #                             bound to 0.0.0.0, protected mode off, no persistence: PATH (relative
            #                             paths are in the state directory) if given, else the machine's
            #                             redis-server if installed, else the one Mooring ships
            #   postgres [init=FILE...]   a real PostgreSQL on the container port (else 5432): the machine's
            #                             (/usr/lib/postgresql/<version>/bin), else the binaries Mooring ships, with
            #                             a data directory of the task's own, trusting the task network; honours
            #                             POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB like the official image,
            #                             then runs each FILE (.sql or .sh; relative paths are in the state
            #                             directory) once, with psql (the machine's when Mooring's server is used)
            #
            # Every container runs in its task's network namespace as an unprivileged user (nobody unless the
            # container definition's 'user' says otherwise), with HOME set to a private directory.
            #
            # Examples:
            #   my-registry/echo:*        command /usr/bin/python3 -m http.server 8080
            #   redis:4.0.2               redis server=/opt/redis-4.0.2/bin/redis-server
            #   *my-db*                   postgres init=initdb/my-schema.sql
            #
            # Built-in rules, tried after yours:
            #   mooring/exec              exec
            #   redis*                    redis
            #   */redis*                  redis
            #   *redis-sc*                redis
            #   postgres*                 postgres
            #   */postgres*               postgres
            #   *yelb-sc-db*              postgres init=initdb/yelb-db.sql   (the YELB sample's database and votes)
            #   *mreferre/yelb-db*        postgres init=initdb/yelb-db.sql
            #   *yelb-sc-appserver*       the YELB app server in Java (samples/yelb: ...yelb.Main appserver)
            #   *mreferre/yelb-appserver* the same
            #   *yelb-sc-ui*              the YELB UI in Java (samples/yelb: ...yelb.Main ui), port 80
            #   *mreferre/yelb-ui*        the same
            #
            # Your lines:
            """;
}
