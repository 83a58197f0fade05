package io.instflow.ingest;

import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.databento.LiveClient;
import io.instflow.databento.LiveClientConfig;
import io.instflow.databento.LiveEvent;
import io.instflow.databento.LiveListener;
import io.instflow.dbn.DbnFormatException;
import io.instflow.dbn.Metadata;
import io.instflow.dbn.RecordDispatcher;

import org.agrona.DirectBuffer;

/**
 * The live gateway into Kafka: every data record the {@link LiveClient} delivers (exactly once
 * across reconnects) is published, and every lifecycle event becomes a status record.
 */
public final class LiveSource implements LiveListener {

    private static final String SOURCE = "databento-live";

    private final KafkaPublisher publisher;
    private final LiveClient client;
    private RecordDispatcher dispatcher;
    private MarketDataHandler handler;
    private volatile long activity;
    private volatile boolean connected;
    private volatile boolean replayComplete = true;

    /**
     * What the failover controller needs to know of the primary: a counter that moves while records
     * or heartbeats arrive.
     */
    public record Health(long activity, boolean connected, boolean replayComplete) {}

    public LiveSource(LiveClientConfig config, KafkaPublisher publisher) {
        this(publisher, listener -> new LiveClient(config, listener));
    }

    /** For tests: builds the client around this listener (to inject a clock or sleeper). */
    public LiveSource(
            KafkaPublisher publisher,
            java.util.function.Function<LiveListener, LiveClient> client) {
        this.publisher = publisher;
        this.client = client.apply(this);
    }

    /** Runs until {@link #stop()} or a fatal gateway error. */
    public void run() {
        try {
            client.run();
        } finally {
            publisher.flush();
        }
    }

    public void stop() {
        client.stop();
    }

    public LiveClient client() {
        return client;
    }

    public Health health() {
        return new Health(activity, connected, replayComplete);
    }

    @Override
    public void onSession(String sessionId, int attempt, Metadata metadata) {
        handler = new MarketDataHandler(publisher, metadata.tsOut(), SOURCE);
        dispatcher = new RecordDispatcher(handler);
        connected = true;
        activity++;
        publisher.status(
                publisher
                        .statusEvent(
                                SOURCE,
                                FeedStatusKind.STREAMING,
                                "session " + sessionId + " streaming")
                        .setSessionId(sessionId)
                        .setAttempt(attempt == 0 ? null : attempt)
                        .build());
    }

    @Override
    public void onRecord(DirectBuffer buffer, int offset, int length) {
        try {
            dispatcher.dispatch(buffer, offset, length);
        } catch (DbnFormatException e) {
            // framed but shorter than its type's layout: the stream itself is intact, so the
            // record goes to the dead-letter topic and the session goes on
            byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            publisher.deadLetter(bytes, e.getMessage(), SOURCE, -1);
        }
        activity++;
    }

    @Override
    public void onHeartbeat() {
        activity++;
    }

    @Override
    public void onEvent(LiveEvent event) {
        switch (event.kind()) {
            case DISCONNECTED, HEARTBEAT_TIMEOUT, RECONNECTING, FATAL -> {
                connected = false;
                replayComplete = false;
            }
            case REPLAY_COMPLETED, GAP -> replayComplete = true;
            default -> {}
        }
        FeedStatus.Builder status =
                publisher
                        .statusEvent(
                                SOURCE,
                                FeedStatusKind.valueOf(event.kind().name()),
                                event.message())
                        .setSessionId(event.sessionId())
                        .setAttempt(event.attempt())
                        .setGapStart(event.gapStart())
                        .setGapEnd(event.gapEnd())
                        .setLastTsRecv(event.lastTsRecv())
                        .setErrorCode(event.code());
        publisher.status(status.build());
    }
}
