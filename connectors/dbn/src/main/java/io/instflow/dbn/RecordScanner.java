package io.instflow.dbn;

import io.instflow.dbn.record.RecordDecoder;

import org.agrona.DirectBuffer;

import java.util.Locale;

/**
 * Frames records that already sit in memory (a mapped file, a Kafka payload, a benchmark buffer) in
 * place, without copying them into a {@link DbnStreamDecoder}.
 */
public final class RecordScanner {

    private RecordScanner() {}

    /**
     * Dispatches every record in {@code [offset, end)} and returns how many there were.
     *
     * @throws DbnFormatException when a record length is below the header size or the last record
     *     runs past {@code end}
     */
    public static long scan(DirectBuffer buffer, int offset, int end, RecordDispatcher dispatcher) {
        long count = 0;
        int position = offset;
        while (position < end) {
            int length = (buffer.getByte(position) & 0xFF) << 2;
            if (length < RecordDecoder.HEADER_LENGTH) {
                throw new DbnFormatException(
                        String.format(
                                Locale.ROOT,
                                "corrupt record at offset %d: length %d bytes is below the 16-byte header",
                                position,
                                length));
            }
            if (position + length > end) {
                throw new DbnFormatException(
                        String.format(
                                Locale.ROOT,
                                "truncated record at offset %d: %d of %d bytes present",
                                position,
                                end - position,
                                length));
            }
            dispatcher.dispatch(buffer, position, length);
            position += length;
            count++;
        }
        return count;
    }
}
