package io.instflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The working directory of an embedded run (its broker's data, the simulated session): the one the
 * user gave with {@code --dir}, kept; or a temporary one, deleted when the run ends, whether it
 * succeeded, failed or was interrupted.
 */
final class WorkDir implements AutoCloseable {

    private final Path path;
    private final boolean temporary;
    private boolean deleted;

    private WorkDir(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** {@code given} when not null, else a new temporary directory named {@code prefix...}. */
    static WorkDir of(Path given, String prefix) {
        try {
            return given != null
                    ? new WorkDir(given, false)
                    : new WorkDir(Files.createTempDirectory(prefix), true);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create a temporary working directory: " + e.getMessage(), e);
        }
    }

    /** The {@code --dir} and {@code --keep} options of a command with an embedded run. */
    static final class Options {
        @picocli.CommandLine.Option(
                names = "--dir",
                description =
                        "Working directory for Kafka's data and the simulation, kept after the run"
                                + " (default: a temporary one, deleted at the end).")
        Path dir;

        @picocli.CommandLine.Option(
                names = "--keep",
                description =
                        "Keep the temporary working directory after the run (its path is printed"
                                + " at the start).")
        boolean keep;

        WorkDir open(String prefix) {
            WorkDir work = of(dir, prefix);
            return keep ? new WorkDir(work.path, false) : work;
        }
    }

    Path path() {
        return path;
    }

    /** Deletes a temporary directory (once; a later call does nothing); keeps a given one. */
    @Override
    public synchronized void close() {
        if (!temporary || deleted) {
            return;
        }
        deleted = true;
        delete(path);
    }

    /** Deletes {@code dir} and everything under it; says so on stderr when it cannot. */
    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("warning: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
