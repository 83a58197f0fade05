package io.instflow.dbn;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Sans-I/O framing of a DBN stream: the caller writes bytes into {@link #writeArray()} at {@link
 * #writePosition()}, commits them with {@link #commitWrite(int)} and calls {@link #process()} until
 * it returns {@link #NEED_MORE}. The decoder never does I/O, so the same state machine serves
 * files, HTTP bodies and sockets, and tests can feed it byte by byte.
 *
 * <p>A stream starts with metadata unless created with {@link #forFragment()}. Framing errors (bad
 * magic, unsupported version, a record length below the 16-byte header) raise {@link
 * DbnFormatException} with the stream offset. Not thread-safe.
 */
public final class DbnStreamDecoder {

    /** More bytes are needed; see {@link #bytesNeeded()}. */
    public static final int NEED_MORE = 0;

    /** The metadata header was decoded; see {@link #metadata()}. */
    public static final int METADATA = 1;

    /** A whole record is available at {@link #recordOffset()} in {@link #buffer()}. */
    public static final int RECORD = 2;

    private static final int INITIAL_CAPACITY = 64 * 1024;
    private static final int PRELUDE = MetadataCodec.PRELUDE_LENGTH;

    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private byte[] array;
    private int readPosition;
    private int writePosition;
    private long consumedBeforeBuffer;
    private boolean expectMetadata;
    private Metadata metadata;
    private int recordOffset;
    private int recordLength;
    private int bytesNeeded;

    /** A decoder for a stream that starts with a metadata header. */
    public DbnStreamDecoder() {
        this(true, INITIAL_CAPACITY);
    }

    /** A decoder with a given initial buffer size, for a stream that starts with metadata. */
    public DbnStreamDecoder(int initialCapacity) {
        this(true, initialCapacity);
    }

    private DbnStreamDecoder(boolean expectMetadata, int initialCapacity) {
        this.expectMetadata = expectMetadata;
        this.array = new byte[Math.max(initialCapacity, 1024)];
        buffer.wrap(array);
    }

    /** A decoder for records without a metadata header (a {@code .dbn.frag}). */
    public static DbnStreamDecoder forFragment() {
        return new DbnStreamDecoder(false, INITIAL_CAPACITY);
    }

    /** The array to read input into, from {@link #writePosition()}; valid until the next call. */
    public byte[] writeArray() {
        return array;
    }

    public int writePosition() {
        return writePosition;
    }

    /** Free bytes after {@link #writePosition()}; at least {@code minimum} after this call. */
    public int ensureWritable(int minimum) {
        if (array.length - writePosition < minimum) {
            compactOrGrow(minimum);
        }
        return array.length - writePosition;
    }

    /** Marks {@code count} bytes written at {@link #writePosition()} as input. */
    public void commitWrite(int count) {
        if (count < 0 || writePosition + count > array.length) {
            throw new IllegalArgumentException(
                    "commit of " + count + " bytes exceeds the writable space");
        }
        writePosition += count;
    }

    /** Copies input into the decoder; for callers that already hold the bytes elsewhere. */
    public void write(byte[] source, int offset, int length) {
        ensureWritable(length);
        System.arraycopy(source, offset, array, writePosition, length);
        writePosition += length;
    }

    /** Advances the state machine by one step; see the class comment. */
    public int process() {
        int available = writePosition - readPosition;
        if (expectMetadata) {
            return processMetadata(available);
        }
        if (available < 1) {
            bytesNeeded = 1;
            return NEED_MORE;
        }
        int length = (array[readPosition] & 0xFF) * 4;
        if (length < 16) {
            throw new DbnFormatException(
                    String.format(
                            Locale.ROOT,
                            "corrupt record at stream offset %d: length %d bytes is below the 16-byte header",
                            streamOffset(readPosition),
                            length));
        }
        if (available < length) {
            bytesNeeded = length - available;
            return NEED_MORE;
        }
        recordOffset = readPosition;
        recordLength = length;
        readPosition += length;
        return RECORD;
    }

    private int processMetadata(int available) {
        if (available < PRELUDE) {
            if (available >= 3 && !MetadataCodec.hasMagic(buffer, readPosition)) {
                throw notDbn();
            }
            bytesNeeded = PRELUDE - available;
            return NEED_MORE;
        }
        if (!MetadataCodec.hasMagic(buffer, readPosition)) {
            throw notDbn();
        }
        int version = array[readPosition + 3] & 0xFF;
        if (version < 1 || version > DbnConstants.CURRENT_VERSION) {
            throw new DbnFormatException(
                    "unsupported DBN version "
                            + version
                            + "; this decoder reads versions 1 to "
                            + DbnConstants.CURRENT_VERSION);
        }
        long length =
                Integer.toUnsignedLong(buffer.getInt(readPosition + 4, ByteOrder.LITTLE_ENDIAN));
        if (length > Integer.MAX_VALUE - 2L * PRELUDE) {
            throw new DbnFormatException(
                    "metadata length " + length + " is beyond any real DBN header");
        }
        long total = PRELUDE + length;
        if (available < total) {
            bytesNeeded = (int) (total - available);
            return NEED_MORE;
        }
        metadata = MetadataCodec.decode(buffer, readPosition);
        readPosition += (int) total;
        expectMetadata = false;
        return METADATA;
    }

    private DbnFormatException notDbn() {
        int b0 = array[readPosition] & 0xFF;
        int b1 = array[readPosition + 1] & 0xFF;
        int b2 = array[readPosition + 2] & 0xFF;
        return new DbnFormatException(
                String.format(
                        Locale.ROOT,
                        "not a DBN stream: expected the magic 'DBN' at stream offset %d, found bytes %02x %02x %02x",
                        streamOffset(readPosition),
                        b0,
                        b1,
                        b2));
    }

    /** The metadata, once {@link #METADATA} was returned; {@code null} for fragments. */
    public Metadata metadata() {
        return metadata;
    }

    /** The buffer holding the current record; valid until the next write. */
    public UnsafeBuffer buffer() {
        return buffer;
    }

    public int recordOffset() {
        return recordOffset;
    }

    public int recordLength() {
        return recordLength;
    }

    /** Stream offset of the current record, for error messages. */
    public long recordStreamOffset() {
        return streamOffset(recordOffset);
    }

    /** Bytes still missing for the next step after {@link #NEED_MORE}. */
    public int bytesNeeded() {
        return bytesNeeded;
    }

    /** Total bytes framed (metadata and records) so far. */
    public long bytesConsumed() {
        return streamOffset(readPosition);
    }

    /** A copy of up to {@code max} bytes written but not yet framed. */
    public byte[] copyPending(int max) {
        int n = Math.min(max, pendingBytes());
        byte[] out = new byte[n];
        System.arraycopy(array, readPosition, out, 0, n);
        return out;
    }

    /** Bytes written but not yet framed. */
    public int pendingBytes() {
        return writePosition - readPosition;
    }

    /**
     * Signals the end of input: raises {@link DbnFormatException} when a metadata header or a
     * record was cut off.
     */
    public void finish() {
        int pending = pendingBytes();
        if (expectMetadata) {
            throw new DbnFormatException(
                    pending == 0
                            ? "empty input: no DBN metadata header"
                            : "truncated DBN metadata header: input ended after "
                                    + pending
                                    + " bytes");
        }
        if (pending > 0) {
            throw new DbnFormatException(
                    String.format(
                            Locale.ROOT,
                            "truncated record at stream offset %d: input ended with %d of %d bytes",
                            streamOffset(readPosition),
                            pending,
                            pending + bytesNeeded));
        }
    }

    private long streamOffset(int position) {
        return consumedBeforeBuffer + position;
    }

    private void compactOrGrow(int minimum) {
        int pending = writePosition - readPosition;
        if (readPosition > 0 && array.length - pending >= minimum && pending <= array.length / 2) {
            System.arraycopy(array, readPosition, array, 0, pending);
        } else {
            long required = (long) pending + minimum;
            if (required > Integer.MAX_VALUE - 8) {
                throw new DbnFormatException("DBN input needs a buffer beyond 2 GiB");
            }
            int capacity =
                    BitUtil.findNextPositivePowerOfTwo((int) Math.max(required, array.length));
            byte[] grown = new byte[capacity > 0 ? capacity : Integer.MAX_VALUE - 8];
            System.arraycopy(array, readPosition, grown, 0, pending);
            array = grown;
            buffer.wrap(array);
        }
        consumedBeforeBuffer += readPosition;
        readPosition = 0;
        writePosition = pending;
    }
}
