package io.instflow.ingest;

import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.contract.MboEventEncoder;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.KafkaSettings;
import io.instflow.contract.kafka.KafkaUnavailableException;
import io.instflow.dbn.record.InstrumentDefDecoder;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.dbn.record.TradeAsMbo;
import io.instflow.dbn.record.TradeDecoder;
import io.instflow.schemas.AvroSerde;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes market data to Kafka: MBO records keyed by instrument id, definitions to the compacted
 * topic, status events, and undecodable input to the dead-letter topic with the reason in headers.
 * The producer is idempotent with acks=all, so a broker restart neither loses nor duplicates
 * records. The first asynchronous send error is kept and rethrown on the publishing thread by the
 * next call. Not thread-safe.
 */
public final class KafkaPublisher implements AutoCloseable {

    private static final AvroSerde<io.instflow.avro.InstrumentDefinition> DEFINITION =
            AvroSerde.of(io.instflow.avro.InstrumentDefinition.class);
    private static final AvroSerde<FeedStatus> STATUS = AvroSerde.of(FeedStatus.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Topics topics;
    private final String dataset;
    private final MboEventEncoder mboEncoder;
    private final org.agrona.collections.Long2ObjectHashMap<byte[]> keys =
            new org.agrona.collections.Long2ObjectHashMap<>();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private final Callback callback =
            (metadata, error) -> {
                if (error != null) {
                    firstError.compareAndSet(null, error);
                }
            };
    private final TradeAsMbo tradeAsMbo = new TradeAsMbo();
    private long mboRecords;
    private long trades;
    private long definitions;
    private long deadLetters;

    /**
     * Producer overrides for bulk loads (files, historical): larger batches, fewer broker requests.
     */
    public static final Map<String, Object> BULK = KafkaSettings.BULK;

    /**
     * @param overrides producer settings replacing the defaults (5 ms linger suits live data;
     *     {@link #BULK} suits replays)
     */
    public KafkaPublisher(
            String bootstrap, Topics topics, String dataset, Map<String, Object> overrides) {
        this.producer =
                new KafkaProducer<>(
                        KafkaSettings.producer(bootstrap, "instflow-ingest", overrides),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
        this.topics = topics;
        this.dataset = dataset;
        this.mboEncoder = new MboEventEncoder(dataset);
    }

    /** Publishes an MBO record to the MBO topic, keyed by its instrument id. */
    public void mbo(MboDecoder r, boolean tsOut) {
        checkError();
        byte[] value = mboEncoder.encode(r, tsOut);
        producer.send(new ProducerRecord<>(topics.mbo(), key(r.instrumentId()), value), callback);
        mboRecords++;
    }

    /**
     * Publishes a trades record to the MBO topic as the T record it stands for ({@link
     * TradeAsMbo}), for trade-only data such as a backfill from the historical {@code trades}
     * schema. Counted in {@link #trades()}, not in {@link #mboRecords()}.
     */
    public void trade(TradeDecoder t) {
        checkError();
        MboDecoder r = tradeAsMbo.of(t);
        producer.send(
                new ProducerRecord<>(
                        topics.mbo(), key(r.instrumentId()), mboEncoder.encode(r, false)),
                callback);
        trades++;
    }

    /** Publishes a definition to the compacted definitions topic, keyed by its instrument id. */
    public void definition(InstrumentDefDecoder d) {
        checkError();
        byte[] value = DEFINITION.serialize(io.instflow.contract.DefinitionFields.of(d, dataset));
        producer.send(
                new ProducerRecord<>(topics.definitions(), key(d.instrumentId()), value), callback);
        definitions++;
    }

    /** Publishes a value already encoded (e.g. a Barchart snapshot record) under a string key. */
    public void publish(String topic, String key, byte[] value) {
        checkError();
        producer.send(
                new ProducerRecord<>(
                        topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value),
                callback);
    }

    /** Publishes a status event and waits until the broker has it. */
    public void status(FeedStatus status) {
        checkError();
        producer.send(
                new ProducerRecord<>(topics.status(), null, STATUS.serialize(status)), callback);
        flush();
    }

    /** A status event of the given kind with the standard fields filled. */
    public FeedStatus.Builder statusEvent(String source, FeedStatusKind kind, String message) {
        return FeedStatus.newBuilder()
                .setTs(System.currentTimeMillis() * 1_000_000L)
                .setSource(source)
                .setDataset(dataset)
                .setKind(kind)
                .setMessage(message)
                .setRecords(mboRecords);
    }

    /**
     * Publishes bytes that could not be decoded, with headers {@code reason}, {@code source} and
     * {@code offset} (stream offset in decompressed bytes).
     */
    public void deadLetter(byte[] bytes, String reason, String source, long offset) {
        checkError();
        RecordHeaders headers = new RecordHeaders();
        headers.add("reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("source", source.getBytes(StandardCharsets.UTF_8));
        headers.add("offset", Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        headers.add("dataset", dataset.getBytes(StandardCharsets.UTF_8));
        producer.send(
                new ProducerRecord<byte[], byte[]>(
                        topics.deadLetter(), null, (byte[]) null, bytes, headers),
                callback);
        deadLetters++;
    }

    /** Waits until everything sent so far is acknowledged; rethrows the first send error. */
    public void flush() {
        producer.flush();
        checkError();
    }

    public long mboRecords() {
        return mboRecords;
    }

    /** Trades records published as MBO T records. */
    public long trades() {
        return trades;
    }

    public long definitions() {
        return definitions;
    }

    public long deadLetters() {
        return deadLetters;
    }

    private void checkError() {
        Exception error = firstError.get();
        if (error != null) {
            throw new KafkaUnavailableException(
                    "publishing to Kafka failed: " + error.getMessage(), error);
        }
    }

    /** The record key: the instrument id in decimal, cached per instrument. */
    private byte[] key(long instrumentId) {
        byte[] key = keys.get(instrumentId);
        if (key == null) {
            key = Long.toString(instrumentId).getBytes(StandardCharsets.US_ASCII);
            keys.put(instrumentId, key);
        }
        return key;
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }
}
