package io.instflow.schemas;

import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.HashMap;
import java.util.Map;

/**
 * Decodes a value of any topic: the single-object header's schema fingerprint names the record type
 * among {@link TopicSchemas#ALL}. For tools that read topics they do not know in advance.
 */
public final class TopicValues {

    private static final Map<Long, AvroSerde<? extends SpecificRecord>> BY_FINGERPRINT =
            new HashMap<>();

    static {
        for (Class<? extends SpecificRecord> type : TopicSchemas.ALL) {
            long fingerprint =
                    SchemaNormalization.parsingFingerprint64(SpecificData.get().getSchema(type));
            BY_FINGERPRINT.put(fingerprint, AvroSerde.of(type));
        }
    }

    private TopicValues() {}

    /** A value decoded, or why it could not be. */
    public record Decoded(SpecificRecord value, String reason) {}

    /** The decoded record, or the reason the bytes are not a value of a known schema. */
    public static Decoded decodeOrExplain(byte[] value) {
        if (value == null) {
            return new Decoded(null, "null value (a tombstone)");
        }
        if (value.length < 10 || value[0] != (byte) 0xC3 || value[1] != 0x01) {
            return new Decoded(null, "not Avro single-object encoding (no C3 01 marker)");
        }
        long fingerprint = 0;
        for (int i = 9; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (value[i] & 0xFF);
        }
        AvroSerde<? extends SpecificRecord> serde = BY_FINGERPRINT.get(fingerprint);
        if (serde == null) {
            return new Decoded(
                    null,
                    "a schema this project does not have (fingerprint "
                            + Long.toHexString(fingerprint)
                            + ")");
        }
        try {
            return new Decoded(serde.deserialize(value), null);
        } catch (AvroDecodeException e) {
            return new Decoded(null, e.getMessage());
        }
    }

    /** The decoded record, or {@code null} when the bytes are not a value of a known schema. */
    public static SpecificRecord decode(byte[] value) {
        if (value == null || value.length < 10 || value[0] != (byte) 0xC3 || value[1] != 0x01) {
            return null;
        }
        long fingerprint = 0;
        for (int i = 9; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (value[i] & 0xFF);
        }
        AvroSerde<? extends SpecificRecord> serde = BY_FINGERPRINT.get(fingerprint);
        if (serde == null) {
            return null;
        }
        try {
            return serde.deserialize(value);
        } catch (AvroDecodeException e) {
            return null;
        }
    }
}
