package io.instflow.ingest.barchart;

import io.instflow.avro.BarchartFuturesQuote;
import io.instflow.avro.BarchartOptionQuote;
import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.barchart.client.BarchartWebClient;
import io.instflow.barchart.client.FakeBarchartSite;
import io.instflow.barchart.client.ManualClock;
import io.instflow.barchart.client.WebConfig;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.schemas.AvroSerde;
import io.instflow.testing.KafkaBroker;
import io.instflow.testing.SharedTestData;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Barchart source against the local fake site serving the real captures, into a real broker:
 * every contract published once per poll, keyed by its Databento raw symbol and stamped degraded;
 * futures quotes beside them; an unknown series reported on the status topic, not fatal; polls no
 * more often than configured.
 */
class BarchartSourceITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    private static final String CAPTURES = "barchart/nq-options-trading-system/";

    @Test
    void shouldPublishNormalisedSnapshotsAndReportFailures() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2025-06-27T19:06:05Z"));
        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), topics, 2);
        try (FakeBarchartSite site = new FakeBarchartSite(clock);
                KafkaPublisher publisher =
                        new KafkaPublisher(
                                KAFKA.bootstrapServers(), topics, "GLBX.MDP3", Map.of())) {
            site.headerOnlyAccepted = true;
            site.serve("MQ4M25", SharedTestData.file(CAPTURES + "barchart_api_MQ4M25_140605.json"));
            site.serve("MM6N25", SharedTestData.file(CAPTURES + "barchart_api_MM6N25_135640.json"));
            BarchartWebClient client =
                    new BarchartWebClient(
                            WebConfig.defaults()
                                    .withBaseUrl(site.url())
                                    .withMinInterval(Duration.ofSeconds(5)),
                            BarchartWebClient.defaultStrategies(Optional.empty()),
                            clock,
                            clock,
                            new SplittableRandom(3));
            BarchartSource source =
                    new BarchartSource(
                            client,
                            publisher,
                            topics,
                            new BarchartSource.Settings(
                                    List.of("MQ4M25", "MM6N25", "MQ9Z25"),
                                    List.of("NQU25", "NQZ25"),
                                    Duration.ofSeconds(120),
                                    Duration.ofSeconds(60)),
                            clock);

            Duration next = source.pollDue();
            assertThat(site.apiRequests()).as("three series and the futures").hasSize(4);
            assertThat(source.pollDue()).as("nothing is due again at once").isPositive();
            assertThat(site.apiRequests()).hasSize(4);
            assertThat(next).isLessThanOrEqualTo(Duration.ofSeconds(60));

            List<ConsumerRecord<byte[], byte[]>> options =
                    TopicScan.records(
                            KAFKA.bootstrapServers(),
                            topics.barchartOptions(),
                            Duration.ofSeconds(30));
            assertThat(options).hasSize(706 + 280);
            AvroSerde<BarchartOptionQuote> serde = AvroSerde.of(BarchartOptionQuote.class);
            BarchartOptionQuote q = serde.deserialize(options.get(0).value());
            assertThat(q.getDegraded()).isTrue();
            assertThat(q.getSource()).isEqualTo("BARCHART");
            assertThat(q.getAccess()).isEqualTo("header-only");
            assertThat(q.getFlags()).contains("DELAYED", "NO_TRADES", "NO_BOOK");
            assertThat(new String(options.get(0).key(), StandardCharsets.UTF_8))
                    .isEqualTo(q.getRawSymbol());
            assertThat(
                            options.stream()
                                    .map(r -> serde.deserialize(r.value()).getRawSymbol())
                                    .distinct()
                                    .count())
                    .isEqualTo(706 + 280);
            BarchartOptionQuote traded =
                    options.stream()
                            .map(r -> serde.deserialize(r.value()))
                            .filter(o -> o.getLastTradeTime() != null)
                            .findFirst()
                            .orElseThrow();
            assertThat(traded.getDelayMs()).isPositive();
            assertThat(traded.getStrikePrice() % 1_000_000_000L).isZero();

            List<BarchartFuturesQuote> futures =
                    TopicScan.records(
                                    KAFKA.bootstrapServers(),
                                    topics.barchartFutures(),
                                    Duration.ofSeconds(30))
                            .stream()
                            .map(
                                    r ->
                                            AvroSerde.of(BarchartFuturesQuote.class)
                                                    .deserialize(r.value()))
                            .toList();
            assertThat(futures)
                    .extracting(BarchartFuturesQuote::getSymbol)
                    .containsExactly("NQU5", "NQZ5");
            assertThat(futures.get(0).getLast()).isEqualTo(21_000_000_000_000L);
            assertThat(futures.get(0).getDelayMs())
                    .as("quotes 10 minutes old")
                    .isBetween(600_000L, 601_000L);

            List<FeedStatus> status =
                    TopicScan.records(
                                    KAFKA.bootstrapServers(),
                                    topics.status(),
                                    Duration.ofSeconds(30))
                            .stream()
                            .map(r -> AvroSerde.of(FeedStatus.class).deserialize(r.value()))
                            .toList();
            assertThat(status)
                    .allSatisfy(
                            s -> {
                                assertThat(s.getSource()).isEqualTo("barchart");
                                assertThat(s.getDegraded()).isTrue();
                            });
            assertThat(status)
                    .anySatisfy(s -> assertThat(s.getKind()).isEqualTo(FeedStatusKind.STREAMING))
                    .anySatisfy(
                            s ->
                                    assertThat(s.getMessage())
                                            .contains("NOT_FOUND")
                                            .contains("MQ9Z25"));

            clock.advance(Duration.ofSeconds(61));
            source.pollDue();
            assertThat(site.apiRequests()).as("only the futures are due after a minute").hasSize(5);
            clock.advance(Duration.ofSeconds(60));
            source.pollDue();
            assertThat(site.apiRequests())
                    .as("the two live series and the futures after two minutes")
                    .hasSize(8);
        }
    }
}
