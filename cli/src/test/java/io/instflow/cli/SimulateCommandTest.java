package io.instflow.cli;

import io.instflow.dbn.io.DbnReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code instflow simulate} with the full universe and the Globex session, as a user runs it. */
class SimulateCommandTest {

    @TempDir Path tmp;

    @Test
    void shouldWriteTheFullUniverseFromTheGlobexOpenAndPrintTheMarketsFigures() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                InstflowCommand.run(
                        new PrintWriter(out),
                        new PrintWriter(err),
                        "simulate",
                        "--universe",
                        "full",
                        "--session",
                        "globex",
                        "--minutes",
                        "1",
                        "--episodes-per-day",
                        "0",
                        "--out",
                        tmp.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).containsPattern("2026-11-02  4,0\\d\\d instruments, ");
        assertThat(out.toString())
                .containsPattern("market: 4,0\\d\\d instruments listed at most on a day")
                .contains("in the busiest second");
        try (DbnReader reader = DbnReader.open(tmp.resolve("mbo-20261102.dbn.zst"))) {
            assertThat(reader.metadata().start())
                    .as("Sunday 17:00 Chicago")
                    .isEqualTo(
                            LocalDate.of(2026, 11, 1).atTime(23, 0).toEpochSecond(ZoneOffset.UTC)
                                    * 1_000_000_000L);
        }
    }

    @Test
    void shouldRefuseAnUnknownUniverseNamingTheChoices() {
        StringWriter err = new StringWriter();
        int code =
                InstflowCommand.run(
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(err),
                        "simulate",
                        "--universe",
                        "everything",
                        "--out",
                        tmp.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("unknown universe 'everything'; expected small or full");
    }
}
