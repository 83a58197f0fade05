package io.instflow.databento;

import io.instflow.dbn.Metadata;

import org.agrona.DirectBuffer;

/** What a {@link LiveClient} delivers, on its reader thread. */
public interface LiveListener {

    /** A session started (after authentication and the metadata header). */
    default void onSession(String sessionId, int attempt, Metadata metadata) {}

    /**
     * A data record (market data, definitions, symbol mappings), exactly once across reconnects;
     * the buffer is valid only during the call.
     */
    void onRecord(DirectBuffer buffer, int offset, int length);

    /** The gateway's heartbeat arrived: the session is alive though no data flows. */
    default void onHeartbeat() {}

    /** A lifecycle or health event. */
    default void onEvent(LiveEvent event) {}
}
