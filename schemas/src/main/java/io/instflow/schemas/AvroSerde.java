package io.instflow.schemas;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Serialises one record type with Avro's single-object encoding (two marker bytes, the writer
 * schema's 8-byte fingerprint, the binary body), so any consumer with the {@code .avsc} files
 * decodes without a registry. Older writer schemas registered with {@link #acceptWriterSchema} are
 * resolved to the current one. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> {

    private static final int HEADER_LENGTH = 10;

    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final byte[] header;

    /**
     * Per thread: a datum reader builds its fast-path reader lazily, which is not safe to share.
     */
    private final ThreadLocal<SpecificDatumReader<T>> currentReader;

    private AvroSerde(Class<T> type) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        this.header = header(schema);
        this.currentReader =
                ThreadLocal.withInitial(() -> new SpecificDatumReader<>(schema, schema, model));
    }

    /** The single-object header of values written with {@code schema}: marker and fingerprint. */
    private static byte[] header(Schema schema) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 0xC3)
                .put((byte) 0x01)
                .putLong(SchemaNormalization.parsingFingerprint64(schema));
        return header.array();
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
        decoder.addSchema(writerSchema);
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
     * @throws AvroDecodeException when the bytes are not a value of a known schema of {@code T}
     */
    public T deserialize(byte[] bytes) {
        try {
            if (writtenWithCurrentSchema(bytes)) {
                // the common case, read straight from the array: Avro's message decoder reads byte
                // by byte from a stream
                return currentReader
                        .get()
                        .read(
                                null,
                                DecoderFactory.get()
                                        .binaryDecoder(
                                                bytes,
                                                HEADER_LENGTH,
                                                bytes.length - HEADER_LENGTH,
                                                null));
            }
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new AvroDecodeException(
                    type.getSimpleName()
                            + ": written with an unknown schema ("
                            + e.getMessage()
                            + "); the producer uses a schema this consumer does not have",
                    e);
        } catch (IOException
                | AvroRuntimeException
                | IndexOutOfBoundsException
                | NegativeArraySizeException e) {
            throw new AvroDecodeException(
                    type.getSimpleName()
                            + ": not a single-object-encoded value ("
                            + e.getMessage()
                            + ")",
                    e);
        }
    }

    private boolean writtenWithCurrentSchema(byte[] bytes) {
        return bytes.length >= HEADER_LENGTH
                && Arrays.equals(bytes, 0, HEADER_LENGTH, header, 0, HEADER_LENGTH);
    }
}
