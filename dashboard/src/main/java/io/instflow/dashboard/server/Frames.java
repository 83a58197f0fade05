package io.instflow.dashboard.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Server-sent event frames with JSON payloads. */
public final class Frames {

    static final ObjectMapper JSON = new ObjectMapper();

    private Frames() {}

    /** {@code event: NAME} and the payload as one JSON line. */
    public static String frame(String event, Object payload) {
        return "event: " + event + "\ndata: " + json(payload) + "\n\n";
    }

    public static String json(Object payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write " + payload.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
