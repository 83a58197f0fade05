package io.instflow.ifd.logic;

import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class SourceSwitchTest {

    private static FeedStatus status(String source, FeedStatusKind kind, Long effectiveFrom) {
        return FeedStatus.newBuilder()
                .setTs(0)
                .setSource(source)
                .setDataset("GLBX.MDP3")
                .setKind(kind)
                .setMessage("m")
                .setEffectiveFrom(effectiveFrom)
                .build();
    }

    @Test
    void shouldReadOnlyTheConnectorsTransitionsWithTheirBoundary() {
        assertThat(SourceSwitch.governing(status("failover", FeedStatusKind.FAILOVER, 600L)))
                .isEqualTo("BARCHART");
        assertThat(SourceSwitch.governing(status("failover", FeedStatusKind.FAILBACK, 900L)))
                .isEqualTo("DATABENTO");
        assertThat(SourceSwitch.governing(status("failover", FeedStatusKind.FAILOVER, null)))
                .isNull();
        assertThat(SourceSwitch.governing(status("barchart", FeedStatusKind.FAILOVER, 600L)))
                .isNull();
        assertThat(
                        SourceSwitch.governing(
                                status("failover", FeedStatusKind.HEARTBEAT_TIMEOUT, 600L)))
                .isNull();
    }

    @Test
    void shouldLetTheLatestSwitchAtOrBeforeTheWindowGovernIt() {
        Map<Long, String> switches = new TreeMap<>(Map.of(600L, "BARCHART", 1_500L, "DATABENTO"));
        assertThat(SourceSwitch.governingAt(300, switches.entrySet()))
                .as("before any switch")
                .isEqualTo("DATABENTO");
        assertThat(SourceSwitch.governingAt(600, switches.entrySet())).isEqualTo("BARCHART");
        assertThat(SourceSwitch.governingAt(1_200, switches.entrySet())).isEqualTo("BARCHART");
        assertThat(SourceSwitch.governingAt(1_500, switches.entrySet())).isEqualTo("DATABENTO");
    }
}
