package io.instflow.barchart.client;

import io.instflow.barchart.chain.ChainNormaliser;
import io.instflow.barchart.chain.ChainParser;
import io.instflow.barchart.chain.ChainSnapshot;
import io.instflow.barchart.chain.OptionQuote;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A made chain goes through the production parser and normaliser like a captured one. */
class ChainResponsesTest {

    @Test
    void shouldParseAndNormaliseLikeTheWebsitesResponse() throws Exception {
        Instant observed = Instant.parse("2026-11-02T16:00:00Z");
        Instant traded = observed.minus(Duration.ofMinutes(10));
        String body =
                ChainResponses.chain(
                        List.of(
                                new ChainResponses.Row(
                                        "MQ1X6|21025C",
                                        21_025,
                                        true,
                                        12.25,
                                        12.5,
                                        12.5,
                                        1_240,
                                        300,
                                        traded),
                                new ChainResponses.Row(
                                        "MQ1X6|21025P",
                                        21_025,
                                        false,
                                        30,
                                        31,
                                        30,
                                        15,
                                        80,
                                        traded.minusSeconds(60))));

        ChainSnapshot snapshot =
                ChainNormaliser.normalise(
                        ChainParser.parse(body.getBytes(StandardCharsets.UTF_8)),
                        "MQ1X26",
                        observed);

        assertThat(snapshot.quotes()).hasSize(2);
        OptionQuote call =
                snapshot.quotes().stream().filter(q -> q.right() == 'C').findFirst().orElseThrow();
        assertThat(call.rawSymbol()).isEqualTo("QN1X6 C21025");
        assertThat(call.sessionVolume()).isEqualTo(1_240);
        assertThat(call.ask()).isEqualTo(12.5);
        assertThat(call.lastTradeTime()).isEqualTo(traded);
        assertThat(snapshot.dataTime()).isEqualTo(traded);
        assertThat(snapshot.delay()).isEqualTo(Duration.ofMinutes(10));
        assertThat(snapshot.flags()).doesNotContain(ChainSnapshot.Flag.DEAD_SERIES);
    }
}
