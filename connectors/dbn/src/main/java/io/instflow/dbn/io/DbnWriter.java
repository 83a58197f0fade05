package io.instflow.dbn.io;

import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.Metadata;
import io.instflow.dbn.MetadataCodec;
import io.instflow.dbn.RecordUpgrader;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import org.agrona.DirectBuffer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes DBN version 3: the metadata header, then records, plain or Zstandard-compressed. Records
 * in an older layout are upgraded on the way, so the output is always valid v3. Not thread-safe.
 */
public final class DbnWriter implements AutoCloseable {

    /** Zstandard level used when none is given: fast, as Databento's own files are written. */
    public static final int DEFAULT_ZSTD_LEVEL = 3;

    private static final int BUFFER_SIZE = 256 * 1024;

    private final OutputStream out;
    private final RecordUpgrader upgrader = new RecordUpgrader();
    private final byte[] copyBuffer = new byte[DbnConstants.MAX_RECORD_LENGTH];
    private boolean tsOut;
    private boolean metadataWritten;
    private long records;

    private DbnWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes to a file; Zstandard when {@code compress} is set. */
    public static DbnWriter create(Path path, boolean compress) {
        try {
            return of(Files.newOutputStream(path), compress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes to a stream, which this writer closes. */
    public static DbnWriter of(OutputStream out, boolean compress) {
        try {
            OutputStream sink =
                    compress
                            ? new ZstdOutputStreamNoFinalizer(
                                    new BufferedOutputStream(out, BUFFER_SIZE), DEFAULT_ZSTD_LEVEL)
                            : new BufferedOutputStream(out, BUFFER_SIZE);
            return new DbnWriter(sink);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a Zstandard stream: " + e.getMessage(), e);
        }
    }

    /** Writes the header as version 3; must come first, once. */
    public DbnWriter writeMetadata(Metadata metadata) {
        if (metadataWritten) {
            throw new IllegalStateException("metadata already written");
        }
        write(MetadataCodec.encode(metadata.withVersion(DbnConstants.CURRENT_VERSION)));
        tsOut = metadata.tsOut();
        metadataWritten = true;
        return this;
    }

    /** Marks the stream as a fragment: records without a header, with or without ts_out. */
    public DbnWriter startFragment(boolean withTsOut) {
        if (metadataWritten) {
            throw new IllegalStateException("metadata already written");
        }
        tsOut = withTsOut;
        metadataWritten = true;
        return this;
    }

    /** Writes one record (any version's layout) of {@code length} bytes at {@code offset}. */
    public DbnWriter writeRecord(DirectBuffer buffer, int offset, int length) {
        if (!metadataWritten) {
            throw new IllegalStateException(
                    "write the metadata (or start a fragment) before records");
        }
        if (upgrader.upgrade(buffer, offset, length, tsOut)) {
            copy(upgrader.upgraded(), 0, upgrader.upgradedLength());
        } else {
            copy(buffer, offset, length);
        }
        records++;
        return this;
    }

    /** Records written so far. */
    public long records() {
        return records;
    }

    private void copy(DirectBuffer buffer, int offset, int length) {
        byte[] array = buffer.byteArray();
        if (array != null) {
            try {
                out.write(array, buffer.wrapAdjustment() + offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write DBN record: " + e.getMessage(), e);
            }
            return;
        }
        buffer.getBytes(offset, copyBuffer, 0, length);
        try {
            out.write(copyBuffer, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write DBN record: " + e.getMessage(), e);
        }
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write DBN metadata: " + e.getMessage(), e);
        }
    }

    /** Flushes buffered bytes (and ends the current Zstandard block). */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush DBN output: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close DBN output: " + e.getMessage(), e);
        }
    }
}
