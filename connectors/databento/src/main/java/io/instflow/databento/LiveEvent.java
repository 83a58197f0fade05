package io.instflow.databento;

/**
 * A lifecycle or health event of the live session, for the status topic.
 *
 * @param kind the same names as the status topic's kinds
 * @param gapStart start of a data gap (ns), or null
 * @param gapEnd end of a data gap (ns), or null
 * @param lastTsRecv ts_recv of the last record delivered (ns), or null
 * @param code gateway error or system code, or null
 */
public record LiveEvent(
        Kind kind,
        String message,
        String sessionId,
        Integer attempt,
        Long gapStart,
        Long gapEnd,
        Long lastTsRecv,
        Integer code) {

    public enum Kind {
        CONNECTED,
        AUTHENTICATED,
        SUBSCRIBED,
        STREAMING,
        HEARTBEAT_TIMEOUT,
        DISCONNECTED,
        RECONNECTING,
        GAP,
        RECOVERED,
        REPLAY_COMPLETED,
        SLOW_READER,
        ERROR,
        FATAL
    }

    static LiveEvent of(Kind kind, String message) {
        return new LiveEvent(kind, message, null, null, null, null, null, null);
    }
}
