package io.instflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell entry points parse their options strictly: --help, --opt=value, and an error with the
 * usage for an unknown option, a missing value or a stray argument, before they do anything.
 */
class ShellOptionsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private record Run(int exit, String output) {}

    private static Run run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve(script).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }

    @Test
    void shouldPrintTheUsageOnHelpAndDoNothingElse() throws Exception {
        for (String script :
                List.of(
                        "scripts/submit",
                        "deploy/local/up",
                        "deploy/local/down",
                        "deploy/local/status")) {
            Run r = run(script, "--help");
            assertThat(r.exit()).as(script).isZero();
            assertThat(r.output()).as(script).startsWith("usage: " + script);
        }
    }

    @Test
    void shouldRefuseUnknownOptionsMissingValuesAndStrayArgumentsWithTheUsage() throws Exception {
        Run typo = run("scripts/submit", "--profle", "testing");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.output())
                .contains("unknown option --profle")
                .contains("usage: scripts/submit");
        Run missing = run("scripts/submit", "--profile");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).contains("--profile needs a value");
        Run stray = run("deploy/local/status", "now");
        assertThat(stray.exit()).isEqualTo(2);
        assertThat(stray.output()).contains("unexpected argument 'now'");
    }

    @Test
    void shouldTakeOptionsWrittenWithAnEqualsSign(@TempDir Path dir) throws Exception {
        Run r =
                run(
                        "scripts/submit",
                        "--profile=testing",
                        "--dir=" + dir,
                        "--flink-conf=" + dir.resolve("conf"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output())
                .contains(
                        "no Flink configuration at " + dir.resolve("conf").resolve("config.yaml"));
    }
}
