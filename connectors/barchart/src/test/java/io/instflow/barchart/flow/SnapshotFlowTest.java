package io.instflow.barchart.flow;

import io.instflow.barchart.chain.ChainSnapshot;
import io.instflow.barchart.chain.OptionQuote;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Volume between snapshots of one session, the stale previous-session case, and the estimated
 * split.
 */
class SnapshotFlowTest {

    /** 2025-06-27 13:00 CT and later, one session (opened 2025-06-26 17:00 CT). */
    private static final Instant T1 = Instant.parse("2025-06-27T18:00:00Z");

    private static final Instant T2 = T1.plusSeconds(120);

    private static OptionQuote quote(
            String raw,
            Double bid,
            Double ask,
            Double last,
            long sessionVolume,
            Long previousSessionVolume) {
        return new OptionQuote(
                "MQ4M5|" + raw,
                "QN4",
                "QN4M5 " + raw,
                LocalDate.of(2025, 6, 27),
                BigDecimal.TEN,
                'C',
                bid,
                ask,
                last,
                false,
                null,
                null,
                previousSessionVolume != null ? previousSessionVolume : sessionVolume,
                sessionVolume,
                previousSessionVolume,
                null,
                null,
                null);
    }

    private static ChainSnapshot snapshot(Instant at, OptionQuote... quotes) {
        return new ChainSnapshot(
                "MQ4M25",
                "QN4",
                at,
                List.of(quotes),
                EnumSet.of(ChainSnapshot.Flag.DELAYED),
                null,
                null,
                0,
                0);
    }

    @Test
    void shouldCountOnlyThisSessionsNewVolume() {
        SnapshotFlow flow = new SnapshotFlow();
        assertThat(
                        flow.next(
                                snapshot(
                                        T1,
                                        quote("C100", 10.0, 11.0, 11.0, 5, null),
                                        quote("C200", 10.0, 11.0, 10.0, 0, 400L))))
                .as("first snapshot: nothing to compare")
                .isEmpty();
        List<ContractFlow> flows =
                flow.next(
                        snapshot(
                                T2,
                                quote("C100", 10.0, 11.0, 11.0, 25, null),
                                quote("C200", 10.0, 11.0, 10.0, 12, null)));
        assertThat(flows)
                .extracting(ContractFlow::rawSymbol, ContractFlow::volume)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("QN4M5 C100", 20L),
                        org.assertj.core.groups.Tuple.tuple("QN4M5 C200", 12L));
        assertThat(flows.get(1).volume())
                .as("yesterday's 400 is not today's flow, and 12 - 400 is no sale")
                .isPositive();
        assertThat(flows.get(0).from()).isEqualTo(T1);
        assertThat(flows.get(0).to()).isEqualTo(T2);
    }

    @Test
    void shouldDropAndCountNegativeDifferences() {
        SnapshotFlow flow = new SnapshotFlow();
        flow.next(snapshot(T1, quote("C100", 10.0, 11.0, 11.0, 30, null)));
        assertThat(flow.next(snapshot(T2, quote("C100", 10.0, 11.0, 11.0, 25, null)))).isEmpty();
        assertThat(flow.negativeDropped()).isEqualTo(1);
    }

    @Test
    void shouldStartOverInANewSession() {
        SnapshotFlow flow = new SnapshotFlow();
        flow.next(snapshot(T1, quote("C100", 10.0, 11.0, 11.0, 30, null)));
        Instant nextSession = Instant.parse("2025-06-27T23:00:00Z");
        assertThat(flow.next(snapshot(nextSession, quote("C100", 10.0, 11.0, 11.0, 3, null))))
                .isEmpty();
        assertThat(flow.negativeDropped()).isZero();
    }

    @Test
    void shouldEstimateTheSideFromTheLastAgainstTheQuote() {
        assertThat(
                        SnapshotFlow.split(quote("C1", 10.0, 11.0, 11.0, 1, null), T1, T2, 7)
                                .estimatedBuy())
                .isEqualTo(7);
        assertThat(
                        SnapshotFlow.split(quote("C1", 10.0, 11.0, 10.0, 1, null), T1, T2, 7)
                                .estimatedSell())
                .isEqualTo(7);
        assertThat(SnapshotFlow.split(quote("C1", 10.0, 11.0, 10.75, 1, null), T1, T2, 7).side())
                .isEqualTo("BUY");
        assertThat(SnapshotFlow.split(quote("C1", 10.0, 11.0, 10.5, 1, null), T1, T2, 7).unknown())
                .isEqualTo(7);
        assertThat(SnapshotFlow.split(quote("C1", null, null, 10.5, 1, null), T1, T2, 7).side())
                .isEqualTo("UNKNOWN");
    }
}
