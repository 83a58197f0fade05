package io.instflow.reports;

import io.instflow.avro.Direction;
import io.instflow.avro.OptionType;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.avro.Tier;
import io.instflow.simulator.Episode;
import io.instflow.testing.OutputRecords;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Signals against labels: directional kinds found or missed (with why), decoys signalled. */
class EpisodeScoreTest {

    private static final long T0 = 1_800_000_000L;
    private static final long NS = OutputRecords.NS;

    private static Episode episode(String kind, String direction, double strike, long startSec) {
        return new Episode(
                kind,
                direction,
                List.of(7L),
                List.of("NQZ6 C" + (long) strike),
                List.of(strike),
                "C",
                (startSec + 86_400 * 30) * NS,
                "NQ",
                "NQZ6",
                "2027-01-15",
                startSec * NS,
                (startSec + 240) * NS,
                500,
                null);
    }

    @Test
    void shouldCountFoundAndMissedDirectionalEpisodesAndSignalledDecoysByKind() {
        List<Episode> labels =
                List.of(
                        episode(Episode.INSTITUTIONAL, "BUY", 21_000, T0),
                        episode(Episode.BLOCK, "BUY", 21_000, T0 + 3600),
                        episode(Episode.STRANGLE, "BUY", 21_000, T0 + 7200),
                        episode(Episode.VERTICAL, "SELL", 21_000, T0 + 10_800));
        List<Signal> signals =
                List.of(
                        OutputRecords.signal("s1", "NQZ6", 21_000, T0, Direction.LONG, Tier.HIGH),
                        OutputRecords.signal(
                                "s2", "NQZ6", 21_000, T0 + 7200, Direction.LONG, Tier.HIGH));
        Rejection missedBlock =
                Rejection.newBuilder()
                        .setRejectionId("r1")
                        .setAlgorithm("v3.1")
                        .setProfile("production")
                        .setParameterVersion("p")
                        .setMetrics(
                                OutputRecords.pressure(
                                        7, "NQZ6", 21_000, OptionType.CALL, T0 + 3600, 500, 10))
                        .setFailedGates(List.of("min_time_persistence"))
                        .setReason("min_time_persistence")
                        .setDataQuality(1.0)
                        .setEmittedAt(0)
                        .build();

        EpisodeScore overall = EpisodeScore.of(signals, labels, 50);
        assertThat(overall.episodes()).as("institutional and block").isEqualTo(2);
        assertThat(overall.detectedEpisodes()).isEqualTo(1);
        assertThat(overall.precision()).as("the strangle's signal is false").isEqualTo(0.5);

        Map<String, EpisodeScore.KindScore> kinds =
                EpisodeScore.byKind(signals, List.of(missedBlock), labels, 50).stream()
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        EpisodeScore.KindScore::kind, k -> k));
        assertThat(kinds.get(Episode.INSTITUTIONAL).found()).isEqualTo(1);
        assertThat(kinds.get(Episode.BLOCK).found()).isZero();
        assertThat(kinds.get(Episode.BLOCK).missedGates())
                .containsExactly(Map.entry("min_time_persistence", 1L));
        assertThat(kinds.get(Episode.STRANGLE).directional()).isFalse();
        assertThat(kinds.get(Episode.STRANGLE).signalled()).isEqualTo(1);
        assertThat(kinds.get(Episode.VERTICAL).signalled()).isZero();
    }
}
