package io.instflow.dbn.io;

import io.instflow.dbn.DbnFormatException;
import io.instflow.dbn.DbnStreamDecoder;
import io.instflow.dbn.Metadata;
import io.instflow.dbn.RecordDispatcher;
import io.instflow.dbn.RecordHandler;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a DBN stream from an {@link InputStream}: plain or Zstandard (several frames allowed), with
 * or without a metadata header. Decompression writes straight into the framing buffer, so records
 * are decoded where they land. Legacy DBZ input and anything else that is not DBN is rejected with
 * a {@link DbnFormatException} naming what was found. Not thread-safe.
 */
public final class DbnReader implements AutoCloseable {

    private static final int READ_CHUNK = 128 * 1024;
    private static final int ZSTD_MAGIC = 0xFD2FB528;
    private static final int SKIPPABLE_MAGIC_MIN = 0x184D2A50;
    private static final int SKIPPABLE_MAGIC_MAX = 0x184D2A5F;

    private final InputStream input;
    private final DbnStreamDecoder decoder;
    private final String source;
    private final boolean compressed;
    private Metadata metadata;
    private boolean metadataRead;
    private boolean eof;

    private DbnReader(InputStream input, boolean fragment, String source, boolean compressed) {
        this.input = input;
        this.decoder =
                fragment ? DbnStreamDecoder.forFragment() : new DbnStreamDecoder(READ_CHUNK * 2);
        this.source = source;
        this.compressed = compressed;
        this.metadataRead = fragment;
    }

    /**
     * Opens a file; a {@code .frag} in its name means records without metadata.
     *
     * @throws DbnFormatException when the file is not DBN
     * @throws UncheckedIOException when it cannot be read
     */
    public static DbnReader open(Path path) {
        return open(path, in -> in);
    }

    /** As {@link #open(Path)}, reading the file through {@code wrap} (to count its bytes, say). */
    public static DbnReader open(
            Path path, java.util.function.UnaryOperator<java.io.InputStream> wrap) {
        String name = path.getFileName().toString();
        try {
            return of(
                    wrap.apply(Files.newInputStream(path)),
                    name.contains(".frag"),
                    path.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("file not found: " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Wraps a stream, detecting Zstandard from its first bytes.
     *
     * @param fragment whether the stream holds records only, without a metadata header
     * @param source a name for error messages (file name, URL)
     */
    public static DbnReader of(InputStream in, boolean fragment, String source) {
        BufferedInputStream buffered = new BufferedInputStream(in, READ_CHUNK);
        try {
            buffered.mark(4);
            byte[] head = buffered.readNBytes(4);
            buffered.reset();
            int magic =
                    head.length == 4
                            ? (head[0] & 0xFF)
                                    | (head[1] & 0xFF) << 8
                                    | (head[2] & 0xFF) << 16
                                    | (head[3] & 0xFF) << 24
                            : 0;
            if (magic >= SKIPPABLE_MAGIC_MIN && magic <= SKIPPABLE_MAGIC_MAX) {
                buffered.close();
                throw new DbnFormatException(
                        source
                                + ": legacy DBZ format (starts with a zstd skippable frame), not DBN; convert it to DBN"
                                + " with Databento's dbn CLI or request the data again with encoding=dbn");
            }
            if (magic == ZSTD_MAGIC) {
                InputStream zstd = new ZstdInputStreamNoFinalizer(buffered).setContinuous(false);
                return new DbnReader(zstd, fragment, source, true);
            }
            return new DbnReader(buffered, fragment, source, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Whether the input is Zstandard-compressed. */
    public boolean compressed() {
        return compressed;
    }

    /** Reads up to the end of the metadata; {@code null} for a fragment. */
    public Metadata metadata() {
        while (!metadataRead) {
            int state = step();
            if (state == DbnStreamDecoder.METADATA) {
                metadata = decoder.metadata();
                metadataRead = true;
            } else if (state == DbnStreamDecoder.RECORD) {
                throw new IllegalStateException("record before metadata");
            }
        }
        return metadata;
    }

    /**
     * Frames the next record; returns {@code false} at the clean end of the input.
     *
     * @throws DbnFormatException for corrupt, truncated or non-DBN input
     */
    public boolean nextRecord() {
        metadata();
        return step() == DbnStreamDecoder.RECORD;
    }

    /** Buffer of the record framed by {@link #nextRecord()}. */
    public UnsafeBuffer buffer() {
        return decoder.buffer();
    }

    public int recordOffset() {
        return decoder.recordOffset();
    }

    public int recordLength() {
        return decoder.recordLength();
    }

    /** Stream offset (in decompressed bytes) of the current record. */
    public long recordStreamOffset() {
        return decoder.recordStreamOffset();
    }

    /**
     * Up to {@code max} bytes read but not framed: after a {@link DbnFormatException}, the start of
     * what could not be decoded (for a dead-letter record).
     */
    public byte[] unframedBytes(int max) {
        return decoder.copyPending(max);
    }

    /** Receives the bytes {@link #drainUnframed} hands out. */
    @FunctionalInterface
    public interface ChunkSink {
        /**
         * @param offset stream offset (decompressed bytes) of the chunk's first byte
         */
        void accept(long offset, byte[] chunk);
    }

    /**
     * After a {@link DbnFormatException}: everything from the first byte not framed to the end of
     * the input, in chunks of at most {@code chunk} bytes with their stream offsets, so nothing of
     * a damaged file is lost. Returns the bytes handed out; stops early, without an exception,
     * where compressed input cannot be decompressed any further.
     */
    public long drainUnframed(int chunk, ChunkSink sink) {
        long offset = decoder.bytesConsumed();
        byte[] pending = decoder.copyPending(Integer.MAX_VALUE);
        for (int from = 0; from < pending.length; from += chunk) {
            int n = Math.min(chunk, pending.length - from);
            sink.accept(offset, Arrays.copyOfRange(pending, from, from + n));
            offset += n;
        }
        long drained = pending.length;
        byte[] buffer = new byte[chunk];
        try {
            int n;
            while (!eof && (n = input.readNBytes(buffer, 0, chunk)) > 0) {
                sink.accept(offset, Arrays.copyOf(buffer, n));
                offset += n;
                drained += n;
                eof = n < chunk;
            }
        } catch (IOException e) {
            // compressed input broken beyond repair: what could be decompressed was handed out
        }
        eof = true;
        return drained;
    }

    /** Decompressed bytes framed so far. */
    public long bytesConsumed() {
        return decoder.bytesConsumed();
    }

    /** Reads every remaining record into {@code handler}; returns the number of records. */
    public long readAll(RecordHandler handler) {
        RecordDispatcher dispatcher = new RecordDispatcher(handler);
        long count = 0;
        while (nextRecord()) {
            dispatcher.dispatch(buffer(), recordOffset(), recordLength());
            count++;
        }
        return count;
    }

    /** Returns METADATA or RECORD, or NEED_MORE only at the clean end of input. */
    private int step() {
        try {
            return frame();
        } catch (DbnFormatException e) {
            throw new DbnFormatException(source + ": " + e.getMessage(), e);
        }
    }

    private int frame() {
        while (true) {
            int state = decoder.process();
            if (state != DbnStreamDecoder.NEED_MORE) {
                return state;
            }
            if (eof) {
                decoder.finish();
                return DbnStreamDecoder.NEED_MORE;
            }
            fill();
        }
    }

    /**
     * Reads one chunk; the buffer grows with the data that arrives, never with what a header
     * claims.
     */
    private void fill() {
        int space = decoder.ensureWritable(READ_CHUNK);
        try {
            int n = input.read(decoder.writeArray(), decoder.writePosition(), space);
            if (n < 0) {
                eof = true;
            } else {
                decoder.commitWrite(n);
            }
        } catch (IOException e) {
            if (compressed) {
                throw new DbnFormatException(
                        "corrupt or truncated Zstandard data after "
                                + decoder.bytesConsumed()
                                + " decompressed bytes: "
                                + e.getMessage(),
                        e);
            }
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + source, e);
        }
    }
}
