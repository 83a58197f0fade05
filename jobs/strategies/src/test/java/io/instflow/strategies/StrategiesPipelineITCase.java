package io.instflow.strategies;

import io.instflow.avro.Bar;
import io.instflow.avro.Direction;
import io.instflow.avro.PipelineMetric;
import io.instflow.avro.Signal;
import io.instflow.avro.StrategyOrder;
import io.instflow.avro.StrategyPosition;
import io.instflow.avro.StrategyTrade;
import io.instflow.avro.Tier;
import io.instflow.contract.Topic;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.ifd.PipelineConfig;
import io.instflow.schemas.AvroSerde;
import io.instflow.strategies.functions.StrategyRecords;
import io.instflow.strategies.functions.TradeInput;
import io.instflow.strategies.logic.KeeperState;
import io.instflow.strategies.logic.PaperOrder;
import io.instflow.strategies.logic.PositionKeeper;
import io.instflow.strategies.logic.StrategyParams;
import io.instflow.testing.JsonSchemas;
import io.instflow.testing.KafkaBroker;
import io.instflow.testing.OutputRecords;
import io.instflow.testing.TopicWriter;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strategies job through a real broker on a MiniCluster: over signals and bars written to an
 * IFD deployment's topics, it gives exactly the orders the position keeper gives over the same
 * sequence, its round trips add up, its JSON mirrors follow the published schemas, what it cannot
 * trade on is dead-lettered and counted, a replay gives the same records field by field, and so
 * does a run restored from a checkpoint after a failure.
 */
@Timeout(600)
class StrategiesPipelineITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String FUTURE = "NQZ6";
    private static final long MINUTE_S = 60;

    /** 09:00 Chicago on a Tuesday, in seconds. */
    private static final long OPEN_S =
            LocalDate.of(2026, 11, 3)
                    .atTime(LocalTime.of(9, 0))
                    .atZone(ZoneId.of("America/Chicago"))
                    .toEpochSecond();

    private static final byte[] FOREIGN =
            "{\"not\": \"a signal\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldTradeAsTheKeeperDoesAndGiveTheSameRecordsOnReplay() throws Exception {
        String in = "s.";
        TopicAdmin.ensure(KAFKA.bootstrapServers(), new Topics(in), Topic.Set.IFD, 2);
        List<Bar> bars = bars(180, new Random(11));
        List<Signal> signals = signals(bars);
        Signal invalid =
                Signal.newBuilder(signals.get(0))
                        .setSignalId("nan")
                        .setFinalConfidence(Double.NaN)
                        .build();
        try (TopicWriter writer = new TopicWriter(KAFKA.bootstrapServers())) {
            for (Bar b : bars) {
                writer.send(in + "bars.1m", b.getSymbol(), b);
            }
            for (Signal s : signals) {
                writer.send(in + "ifd.signals", "7", s);
            }
            writer.send(in + "ifd.signals", "7", invalid);
            writer.flush();
        }
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(in + "ifd.signals", null, FOREIGN)).get();
        }
        StrategiesConfig first = run(in, "a.", null);
        List<StrategyOrder> orders = read("a.strategy.orders", StrategyOrder.class);
        Map<String, List<StrategyOrder>> expected = expectedOrders(first, bars, signals);
        for (StrategyParams p : first.strategies()) {
            List<StrategyOrder> mine =
                    orders.stream().filter(o -> o.getStrategy().equals(p.name())).toList();
            assertThat(mine).as(p.name()).isEqualTo(expected.get(p.name()));
            assertThat(mine)
                    .as("%s fills and skips", p.name())
                    .extracting(StrategyOrder::getFilled)
                    .contains(true);
        }
        assertThat(orders).extracting(StrategyOrder::getReason).contains("ENTRY", "min_tier");

        List<StrategyTrade> trades = read("a.strategy.pnl", StrategyTrade.class);
        assertThat(trades).isNotEmpty();
        for (StrategyParams p : first.strategies()) {
            double sum = 0;
            for (StrategyTrade t : trades) {
                if (t.getStrategy().equals(p.name())) {
                    sum += t.getNetUsd();
                    assertThat(t.getCumulativeNetUsd()).isCloseTo(sum, within());
                    assertThat(t.getNetUsd())
                            .isCloseTo(t.getGrossUsd() - t.getCostsUsd(), within());
                }
            }
        }
        List<StrategyPosition> positions = read("a.strategy.positions", StrategyPosition.class);
        Map<String, StrategyPosition> last = new HashMap<>();
        positions.forEach(p -> last.put(p.getStrategy(), p));
        for (StrategyParams p : first.strategies()) {
            KeeperState end = keeperAfter(p, bars, signals);
            assertThat(last.get(p.name()).getContracts())
                    .as("%s's last position is the keeper's", p.name())
                    .isEqualTo(end.open == null ? 0 : end.open.direction * end.open.contracts);
            assertThat(last.get(p.name()).getRealisedNetUsd())
                    .isCloseTo(end.realisedNetUsd, within());
        }

        for (String topic :
                List.of("a.strategy.orders", "a.strategy.positions", "a.strategy.pnl")) {
            List<ConsumerRecord<byte[], byte[]>> mirror =
                    TopicScan.records(
                            KAFKA.bootstrapServers(), topic + ".json", Duration.ofSeconds(60));
            assertThat(mirror)
                    .as("the JSON mirror of " + topic)
                    .hasSize(
                            TopicScan.records(
                                            KAFKA.bootstrapServers(), topic, Duration.ofSeconds(60))
                                    .size());
            String schema = topic.substring(topic.indexOf('.') + 1).replace('.', '-');
            for (ConsumerRecord<byte[], byte[]> r : mirror) {
                assertThat(
                                JsonSchemas.violations(
                                        schema, new String(r.value(), StandardCharsets.UTF_8)))
                        .isEmpty();
            }
        }

        List<ConsumerRecord<byte[], byte[]>> deadLetters =
                TopicScan.records(
                        KAFKA.bootstrapServers(), "a.ifd.deadletter", Duration.ofSeconds(60));
        assertThat(deadLetters)
                .extracting(r -> header(r, "reason"))
                .hasSize(2)
                .anySatisfy(reason -> assertThat(reason).contains("final_confidence NaN"))
                .anySatisfy(reason -> assertThat(reason).startsWith("undecodable"));
        List<PipelineMetric> metrics = read("a.ifd.metrics", PipelineMetric.class);
        assertThat(
                        metrics.stream()
                                .filter(m -> m.getName().equals("dead_letters"))
                                .mapToDouble(PipelineMetric::getValue)
                                .sum())
                .isEqualTo(2.0);
        assertThat(metrics.stream().filter(m -> m.getName().equals("round_trip_net_usd")))
                .as("one metric per round trip")
                .hasSize(trades.size())
                .allSatisfy(m -> assertThat(m.getJob()).isEqualTo("strategies-s-a"));
        assertThat(metrics.stream().filter(m -> m.getName().equals("orders_skipped")))
                .hasSize((int) orders.stream().filter(o -> !o.getFilled()).count());

        run(in, "b.", null);
        assertThat(byStrategy(read("b.strategy.orders", StrategyOrder.class)))
                .isEqualTo(byStrategy(orders));
        assertThat(byStrategy(read("b.strategy.pnl", StrategyTrade.class)))
                .isEqualTo(byStrategy(trades));
        assertThat(byStrategy(read("b.strategy.positions", StrategyPosition.class)))
                .isEqualTo(byStrategy(positions));

        run(in, "c.", new FailAfterCheckpoint("strategies", 25));
        assertThat(FailAfterCheckpoint.failed("strategies"))
                .as("the failure was injected")
                .isTrue();
        assertThat(FailAfterCheckpoint.opened("strategies"))
                .as("the job restarted: its tasks were opened again")
                .isGreaterThan(2);
        assertThat(byStrategy(read("c.strategy.orders", StrategyOrder.class)))
                .as("restored from a checkpoint: the same committed orders, none twice")
                .isEqualTo(byStrategy(orders));
        assertThat(byStrategy(read("c.strategy.pnl", StrategyTrade.class)))
                .isEqualTo(byStrategy(trades));
    }

    /** Records by their strategy, in topic order (one strategy's records share a partition). */
    private static <T extends SpecificRecord> Map<Object, List<T>> byStrategy(List<T> records) {
        Map<Object, List<T>> grouped = new HashMap<>();
        for (T r : records) {
            Object strategy = r.get(r.getSchema().getField("strategy").pos());
            grouped.computeIfAbsent(strategy, k -> new ArrayList<>()).add(r);
        }
        return grouped;
    }

    /**
     * The bundled strategies over {@code in}'s topics, bounded, into {@code out}; {@code hook}
     * applied to every input first, or null. The idle timeout is 1 ms, so a source that waits at
     * all would go idle if a bounded run used idleness, and the other source would carry event time
     * past its inputs.
     */
    private static StrategiesConfig run(
            String in,
            String out,
            org.apache.flink.api.common.functions.MapFunction<TradeInput, TradeInput> hook)
            throws Exception {
        PipelineConfig pipeline = PipelineConfig.defaults();
        StrategiesConfig config =
                new StrategiesConfig(
                        KAFKA.bootstrapServers(),
                        in,
                        out,
                        "production",
                        StrategiesSection.of(pipeline),
                        2000,
                        1,
                        1000,
                        true,
                        true);
        TopicAdmin.ensure(KAFKA.bootstrapServers(), new Topics(out), Topic.Set.STRATEGIES, 2);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        StrategiesJob.environment(config));
        env.setParallelism(2);
        StrategiesPipeline.wire(env, config, hook);
        env.execute(config.deployment().name());
        return config;
    }

    /** The orders each strategy's keeper gives over the inputs in event-time order. */
    private static Map<String, List<StrategyOrder>> expectedOrders(
            StrategiesConfig config, List<Bar> bars, List<Signal> signals) {
        Map<String, List<StrategyOrder>> byStrategy = new HashMap<>();
        for (StrategyParams p : config.strategies()) {
            PositionKeeper keeper = new PositionKeeper(p);
            List<StrategyOrder> orders = new ArrayList<>();
            for (TradeInput in : inputs(bars, signals)) {
                List<PaperOrder> step =
                        in.kind == TradeInput.SIGNAL
                                ? keeper.onSignal(in.intent())
                                : keeper.onBar(in.minuteBar());
                step.forEach(o -> orders.add(StrategyRecords.order(o, "production", FUTURE)));
            }
            byStrategy.put(p.name(), orders);
        }
        return byStrategy;
    }

    private static KeeperState keeperAfter(StrategyParams p, List<Bar> bars, List<Signal> signals) {
        PositionKeeper keeper = new PositionKeeper(p);
        for (TradeInput in : inputs(bars, signals)) {
            if (in.kind == TradeInput.SIGNAL) {
                keeper.onSignal(in.intent());
            } else {
                keeper.onBar(in.minuteBar());
            }
        }
        return keeper.state();
    }

    private static List<TradeInput> inputs(List<Bar> bars, List<Signal> signals) {
        List<TradeInput> all = new ArrayList<>();
        bars.forEach(b -> all.add(TradeInput.bar(b)));
        signals.forEach(s -> all.add(TradeInput.signal(s)));
        all.sort(
                Comparator.<TradeInput>comparingLong(i -> i.eventMs)
                        .thenComparingInt(i -> i.kind)
                        .thenComparing(i -> String.valueOf(i.signalId)));
        return all;
    }

    /** Three hours of 1-minute bars: a random walk with a trend each half hour. */
    private static List<Bar> bars(int minutes, Random random) {
        List<Bar> bars = new ArrayList<>();
        double price = 21_000;
        for (int m = 0; m < minutes; m++) {
            double trend = ((m / 30) % 2 == 0 ? 1 : -1) * 1.5;
            double close = tick(price + trend + random.nextGaussian() * 3);
            Bar b = OutputRecords.bar(FUTURE, 60, OPEN_S + m * MINUTE_S, close);
            long high = Math.round((Math.max(price, close) + tick(random.nextDouble() * 4)) * 1e9);
            long low = Math.round((Math.min(price, close) - tick(random.nextDouble() * 4)) * 1e9);
            bars.add(
                    Bar.newBuilder(b)
                            .setOpen(Math.round(price * 1e9))
                            .setHigh(high)
                            .setLow(low)
                            .build());
            price = close;
        }
        return bars;
    }

    /** A signal every 10 minutes from minute 5, in turn each tier, mostly with the trend. */
    private static List<Signal> signals(List<Bar> bars) {
        List<Signal> signals = new ArrayList<>();
        Tier[] tiers = Tier.values();
        for (int m = 5, i = 0; m + 10 < bars.size(); m += 10, i++) {
            boolean up = (m / 30) % 2 == 0;
            Direction d = (i % 4 == 3) != up ? Direction.LONG : Direction.SHORT;
            long windowStart = OPEN_S + (m - 5) * MINUTE_S;
            signals.add(
                    Signal.newBuilder(
                                    OutputRecords.signal(
                                            "sig-" + i,
                                            FUTURE,
                                            21_000,
                                            windowStart,
                                            d,
                                            tiers[i % tiers.length]))
                            .setFinalConfidence(0.6 + 0.1 * (i % 4))
                            .setSizeMultiplier(new double[] {1, 1.5, 2, 3}[i % 4])
                            .setEmittedAt(windowStart * 1_000_000_000L)
                            .build());
        }
        return signals;
    }

    private static double tick(double points) {
        return Math.round(points * 4) / 4.0;
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static <T extends SpecificRecord> List<T> read(String topic, Class<T> type) {
        AvroSerde<T> serde = AvroSerde.of(type);
        List<T> out = new ArrayList<>();
        TopicScan.records(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(60))
                .forEach(r -> out.add(serde.deserialize(r.value())));
        return out;
    }
}
