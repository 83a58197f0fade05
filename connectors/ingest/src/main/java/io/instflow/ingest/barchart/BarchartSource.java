package io.instflow.ingest.barchart;

import io.instflow.avro.BarchartFuturesQuote;
import io.instflow.avro.BarchartOptionQuote;
import io.instflow.avro.FeedStatusKind;
import io.instflow.barchart.chain.ChainNormaliser;
import io.instflow.barchart.chain.ChainSnapshot;
import io.instflow.barchart.chain.OptionQuote;
import io.instflow.barchart.client.BarchartException;
import io.instflow.barchart.client.BarchartFeed;
import io.instflow.barchart.client.FailureKind;
import io.instflow.barchart.futures.FuturesQuote;
import io.instflow.contract.Topics;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.schemas.AvroSerde;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Polls Barchart for the configured NQ option series and futures and publishes the normalised
 * snapshots to {@code md.barchart.options} and {@code md.barchart.futures}, every record stamped
 * degraded. Each series is polled at most once per {@code seriesInterval}; the client's gate and
 * back-off keep the whole source polite. Failures go to the status topic with their kind.
 */
public final class BarchartSource {

    private static final Logger LOG = LoggerFactory.getLogger(BarchartSource.class);
    private static final AvroSerde<BarchartOptionQuote> OPTION =
            AvroSerde.of(BarchartOptionQuote.class);
    private static final AvroSerde<BarchartFuturesQuote> FUTURES =
            AvroSerde.of(BarchartFuturesQuote.class);

    /** Re-check a series that came back empty or dead at most this often (spec §7). */
    static final Duration NOT_FOUND_RETRY = Duration.ofMinutes(10);

    /** What to poll and how often. */
    public record Settings(
            List<String> series,
            List<String> futures,
            Duration seriesInterval,
            Duration futuresInterval) {}

    private final BarchartFeed client;
    private final KafkaPublisher publisher;
    private final Topics topics;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Instant> due = new LinkedHashMap<>();
    private long records;
    private boolean streaming;

    public BarchartSource(
            BarchartFeed client,
            KafkaPublisher publisher,
            Topics topics,
            Settings settings,
            Clock clock) {
        this.client = client;
        this.publisher = publisher;
        this.topics = topics;
        this.settings = settings;
        this.clock = clock;
        settings.series().forEach(s -> due.put(s, Instant.MIN));
        if (!settings.futures().isEmpty()) {
            due.put(futuresKey(), Instant.MIN);
        }
    }

    /**
     * Polls everything due now, one request at a time; returns the time until the next poll is due.
     */
    public Duration pollDue() throws InterruptedException {
        for (Map.Entry<String, Instant> e : due.entrySet()) {
            if (!clock.instant().isBefore(e.getValue())) {
                Duration wait = poll(e.getKey());
                e.setValue(clock.instant().plus(wait));
            }
        }
        Instant next =
                due.values().stream()
                        .min(Instant::compareTo)
                        .orElse(clock.instant().plus(settings.seriesInterval()));
        Duration d = Duration.between(clock.instant(), next);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Polls until {@code running} says stop. */
    public void run(java.util.function.BooleanSupplier running) throws InterruptedException {
        while (running.getAsBoolean()) {
            Duration wait = pollDue();
            // wake at least once a second so a stop request is seen promptly, never spin below 100
            // ms
            Thread.sleep(Math.max(100, Math.min(wait.toMillis(), 1_000)));
        }
    }

    public long records() {
        return records;
    }

    private String futuresKey() {
        return "futures:" + String.join(",", settings.futures());
    }

    /** One poll of a series or of the futures; returns when to poll it again. */
    private Duration poll(String key) throws InterruptedException {
        try {
            if (key.startsWith("futures:")) {
                publishFutures();
                return settings.futuresInterval();
            }
            ChainSnapshot snapshot =
                    ChainNormaliser.normalise(client.chain(key), key, clock.instant());
            if (snapshot.flags().contains(ChainSnapshot.Flag.DEAD_SERIES)) {
                status(
                        FeedStatusKind.ERROR,
                        "series "
                                + key
                                + " is dead (expired: no quotes, settlements only);"
                                + " not published, checking again in "
                                + NOT_FOUND_RETRY.toMinutes()
                                + " min",
                        null);
                return NOT_FOUND_RETRY;
            }
            String access = client.accessName();
            for (OptionQuote q : snapshot.quotes()) {
                publisher.publish(
                        topics.barchartOptions(),
                        q.rawSymbol() != null ? q.rawSymbol() : q.barchartSymbol(),
                        OPTION.serialize(BarchartRecords.option(snapshot, q, access)));
                records++;
            }
            publisher.flush();
            if (!streaming) {
                streaming = true;
                status(
                        FeedStatusKind.STREAMING,
                        "Barchart snapshots flowing ("
                                + access
                                + " access, delayed about "
                                + (snapshot.delay() == null ? "?" : snapshot.delay().toMinutes())
                                + " min)",
                        null);
            }
            return settings.seriesInterval();
        } catch (BarchartException e) {
            streaming = false;
            status(FeedStatusKind.ERROR, e.getMessage(), null);
            LOG.warn("Barchart {}: {}", key, e.getMessage());
            if (e.kind() == FailureKind.NOT_FOUND) {
                return NOT_FOUND_RETRY;
            }
            return e.retryAfter() != null ? e.retryAfter() : settings.seriesInterval();
        }
    }

    private void publishFutures() throws BarchartException, InterruptedException {
        List<FuturesQuote> quotes = client.futures(settings.futures());
        Instant observed = clock.instant();
        for (FuturesQuote q : quotes) {
            publisher.publish(
                    topics.barchartFutures(),
                    q.symbol(),
                    FUTURES.serialize(BarchartRecords.futures(q, observed, client.accessName())));
            records++;
        }
        publisher.flush();
    }

    private void status(FeedStatusKind kind, String message, Integer code) {
        publisher.status(
                publisher
                        .statusEvent("barchart", kind, message)
                        .setDegraded(true)
                        .setErrorCode(code)
                        .setRecords(records)
                        .build());
    }
}
