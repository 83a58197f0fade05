package io.instflow.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the read-only real-data folder {@code ../shared/testdata} that sits beside the repository
 * checkout. Tests that need it call {@link #require()}, which skips the test with a message naming
 * the expected location when the folder is absent.
 */
public final class SharedTestData {

    /** System property that overrides the location of the shared test data folder. */
    public static final String LOCATION_PROPERTY = "instflow.testdata";

    private SharedTestData() {}

    /** Returns the test data root, or skips the calling test when it cannot be found. */
    public static Path require() {
        Path root = locate();
        Assumptions.assumeTrue(
                root != null,
                "shared test data not found: expected ../shared/testdata beside the repository root"
                        + " (or -D"
                        + LOCATION_PROPERTY
                        + "=DIR); skipping");
        return root;
    }

    /** Returns a file under the test data root, skipping the test when the root is absent. */
    public static Path file(String relative) {
        Path file = require().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared test file missing: " + file);
        return file;
    }

    /** Returns the test data root, or {@code null} when it is absent. */
    public static Path locate() {
        String configured = System.getProperty(LOCATION_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Paths.get(configured);
            return Files.isDirectory(path) ? path : null;
        }
        Path repoRoot = repositoryRoot();
        if (repoRoot == null) {
            return null;
        }
        Path candidate = repoRoot.resolveSibling("shared").resolve("testdata");
        return Files.isDirectory(candidate) ? candidate.normalize() : null;
    }

    /** The repository root: the nearest directory upwards from the working directory with .git. */
    public static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve(".git")) || Files.exists(dir.resolve(".ci"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        return null;
    }
}
