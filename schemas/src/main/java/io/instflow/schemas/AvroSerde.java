package io.instflow.schemas;

import io.instflow.avro.MboEvent;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serialises one record type with Avro's single-object encoding (two marker bytes, the writer
 * schema's 8-byte fingerprint, the binary body), so any consumer with the {@code .avsc} files
 * decodes without a registry. Older writer schemas registered with {@link #acceptWriterSchema} are
 * resolved to the current one. Decoding trusts nothing in the bytes: whatever they hold (null,
 * empty, cut short, another schema, absurd lengths, trailing bytes), it either returns a value or
 * throws {@link AvroDecodeException}, and allocates no more than in proportion to the bytes given.
 * Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> {

    private static final int HEADER_LENGTH = 10;

    private final Class<T> type;
    private final SpecificData model;
    private final Schema schema;
    private final long fingerprint;
    private final BinaryMessageEncoder<T> encoder;

    /** Writer schemas this serde reads, by fingerprint: the current one and those accepted. */
    private final Map<Long, Schema> writers = new ConcurrentHashMap<>();

    /**
     * Per thread: a datum reader builds its fast-path reader lazily, which is not safe to share.
     */
    private final ThreadLocal<Map<Long, SpecificDatumReader<T>>> readers =
            ThreadLocal.withInitial(HashMap::new);

    private final ThreadLocal<ArrayDecoder> decoders = ThreadLocal.withInitial(ArrayDecoder::new);

    /** MBO records of the current schema skip Avro's generic reader; null for other types. */
    private final MboEventReader mboReader;

    private AvroSerde(Class<T> type) {
        this.type = type;
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(straightLineEncoding(type), schema);
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.writers.put(fingerprint, schema);
        this.mboReader = type == MboEvent.class ? new MboEventReader() : null;
    }

    /**
     * A model whose writers call the generated class's own encoder, field after field, instead of
     * Avro's generic writer, which looks every field up by position and boxes it: the same bytes in
     * about two thirds of the time ({@code MboValueBenchmark}). Avro leaves it off unless a
     * JVM-wide property is set; this serde turns it on for its own writes only.
     */
    private static SpecificData straightLineEncoding(Class<?> type) {
        SpecificData encoding = new SpecificData(type.getClassLoader());
        encoding.setCustomCoders(true);
        return encoding;
    }

    /** A serde for a generated class, e.g. {@code AvroSerde.of(Signal.class)}. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    /** The current schema of {@code T}. */
    public Schema schema() {
        return schema;
    }

    /** Also accepts data written with an older (compatible) schema of this type. */
    public AvroSerde<T> acceptWriterSchema(Schema writerSchema) {
        writers.put(SchemaNormalization.parsingFingerprint64(writerSchema), writerSchema);
        return this;
    }

    public byte[] serialize(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    /**
     * Decodes one single-object-encoded value.
     *
     * @throws AvroDecodeException when the bytes are not a value of a known schema of {@code T},
     *     saying why; never any other exception
     */
    public T deserialize(byte[] bytes) {
        if (bytes == null) {
            throw new AvroDecodeException(
                    type.getSimpleName() + ": null value (a tombstone?)", null);
        }
        if (bytes.length < HEADER_LENGTH || bytes[0] != (byte) 0xC3 || bytes[1] != 0x01) {
            throw new AvroDecodeException(
                    type.getSimpleName()
                            + ": not a single-object-encoded value ("
                            + bytes.length
                            + " bytes without the C3 01 marker and fingerprint)",
                    null);
        }
        long writer = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        boolean direct = mboReader != null && writer == fingerprint;
        SpecificDatumReader<T> reader = direct ? null : reader(writer);
        ArrayDecoder in = decoders.get().wrap(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH);
        try {
            T value = direct ? type.cast(mboReader.read(in)) : reader.read(null, in);
            if (in.remaining() != 0) {
                throw new IOException(in.remaining() + " bytes after the value");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new AvroDecodeException(
                    type.getSimpleName() + ": not a valid value (" + e + ")", e);
        }
    }

    private SpecificDatumReader<T> reader(long writer) {
        Map<Long, SpecificDatumReader<T>> byWriter = readers.get();
        SpecificDatumReader<T> reader = byWriter.get(writer);
        if (reader == null) {
            Schema writerSchema = writers.get(writer);
            if (writerSchema == null) {
                throw new AvroDecodeException(
                        type.getSimpleName()
                                + ": written with an unknown schema (fingerprint "
                                + Long.toHexString(writer)
                                + "); the producer uses a schema this consumer does not have",
                        null);
            }
            reader = new SpecificDatumReader<>(writerSchema, schema, model);
            byWriter.put(writer, reader);
        }
        return reader;
    }
}
