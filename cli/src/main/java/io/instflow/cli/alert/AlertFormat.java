package io.instflow.cli.alert;

import io.instflow.avro.Signal;
import io.instflow.ifd.io.FlatJson;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The body a webhook of each kind expects for one signal. */
public enum AlertFormat {
    /** A Slack incoming webhook: {@code {"text": ...}}. */
    SLACK {
        @Override
        public String body(Signal signal) {
            return MAPPER.createObjectNode().put("text", AlertText.of(signal)).toString();
        }
    },
    /** A Discord webhook: {@code {"content": ...}}. */
    DISCORD {
        @Override
        public String body(Signal signal) {
            return MAPPER.createObjectNode().put("content", AlertText.of(signal)).toString();
        }
    },
    /** The signal as the flat JSON of the {@code ifd.signals.json} mirror topic. */
    JSON {
        @Override
        public String body(Signal signal) {
            return FlatJson.line(signal);
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public abstract String body(Signal signal);
}
