package dev.mooring.runtime.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a system tool (ip, kill helpers) and reports a failure with the command line and its stderr. */
final class Command {
    private static final long TIMEOUT_SECONDS = 30;

    private Command() {}

    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs and returns stdout; a non-zero exit throws. */
    static String run(List<String> argv) {
        return run(argv, null);
    }

    /** Runs with {@code stdin} (e.g. an {@code ip -batch -} script) and returns stdout; a non-zero exit throws. */
    static String run(List<String> argv, String stdin) {
        Result result = attempt(argv, stdin);
        if (!result.ok()) {
            throw new NetworkException("'" + String.join(" ", argv) + "' failed (exit " + result.exitCode() + "): "
                    + result.stderr().strip() + (stdin == null ? "" : "\ninput was:\n" + stdin));
        }
        return result.stdout();
    }

    /** Runs and returns whatever happened; for cleanup, where "already gone" is fine. */
    static Result attempt(List<String> argv, String stdin) {
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new NetworkException("cannot run '" + argv.getFirst() + "' (" + e.getMessage()
                    + "); task networking needs iproute2 and util-linux installed", e);
        }
        // stderr is drained on its own thread so a chatty tool cannot fill the pipe and stall.
        CompletableFuture<String> stderr = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> stderr.complete(read(process.getErrorStream())));
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the tool exited before reading its input; its exit code and stderr say why
        }
        String stdout = read(process.getInputStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NetworkException("'" + String.join(" ", argv) + "' did not finish in " + TIMEOUT_SECONDS
                        + " s");
            }
            return new Result(process.exitValue(), stdout, stderr.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NetworkException("interrupted while running '" + String.join(" ", argv) + "'", e);
        } catch (ExecutionException e) {
            throw new NetworkException("cannot read stderr of '" + String.join(" ", argv) + "'", e.getCause());
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
