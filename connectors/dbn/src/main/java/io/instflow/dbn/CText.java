package io.instflow.dbn;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/** Fixed-size, NUL-padded ASCII fields ({@code c_char[N]}). */
public final class CText {

    private CText() {}

    /**
     * The text of a field up to its first NUL (or its full width). Allocates: not for hot paths.
     */
    public static String read(DirectBuffer buffer, int offset, int width) {
        int len = length(buffer, offset, width);
        byte[] bytes = new byte[len];
        buffer.getBytes(offset, bytes, 0, len);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** Number of bytes before the first NUL, at most {@code width}. */
    public static int length(DirectBuffer buffer, int offset, int width) {
        int len = 0;
        while (len < width && buffer.getByte(offset + len) != 0) {
            len++;
        }
        return len;
    }

    /**
     * Writes {@code text} NUL-padded into a field of {@code width} bytes, keeping at least one NUL.
     *
     * @throws IllegalArgumentException when the text does not fit
     */
    public static void write(MutableDirectBuffer buffer, int offset, int width, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= width) {
            throw new IllegalArgumentException(
                    "text '"
                            + text
                            + "' does not fit a "
                            + width
                            + "-byte field (max "
                            + (width - 1)
                            + " chars)");
        }
        buffer.putBytes(offset, bytes);
        buffer.setMemory(offset + bytes.length, width - bytes.length, (byte) 0);
    }
}
