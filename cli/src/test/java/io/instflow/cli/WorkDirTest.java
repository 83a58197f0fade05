package io.instflow.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WorkDirTest {

    @Test
    void shouldDeleteATemporaryDirectoryAtTheEndUnlessToldToKeepIt() throws Exception {
        WorkDir.Options options = new WorkDir.Options();
        Path deleted;
        try (WorkDir work = options.open("instflow-test-")) {
            deleted = work.path();
            Files.writeString(deleted.resolve("data"), "x");
        }
        assertThat(deleted).doesNotExist();

        options.keep = true;
        Path kept;
        try (WorkDir work = options.open("instflow-test-")) {
            kept = work.path();
            Files.writeString(kept.resolve("data"), "x");
        }
        assertThat(kept.resolve("data")).exists();
        WorkDir.delete(kept);
    }
}
