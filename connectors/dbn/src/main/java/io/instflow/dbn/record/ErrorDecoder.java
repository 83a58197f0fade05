package io.instflow.dbn.record;

import org.agrona.DirectBuffer;

/**
 * Flyweight over a gateway error record (rtype 0x15): 320 bytes with code and is_last in v2/v3, 80
 * bytes in v1 where the code is inferred from the text and is_last reads as 255.
 */
public final class ErrorDecoder extends RecordDecoder {

    public static final int LENGTH = 320;
    public static final int LENGTH_V1 = 80;

    public static final int CODE_AUTH_FAILED = 1;
    public static final int CODE_API_KEY_DEACTIVATED = 2;
    public static final int CODE_CONNECTION_LIMIT_EXCEEDED = 3;
    public static final int CODE_SYMBOL_RESOLUTION_FAILED = 4;
    public static final int CODE_INVALID_SUBSCRIPTION = 5;
    public static final int CODE_INTERNAL_ERROR = 6;
    public static final int CODE_SKIPPED_RECORDS = 7;
    public static final int CODE_UNSET = 255;

    private boolean v1;

    public ErrorDecoder wrap(DirectBuffer buffer, int offset) {
        wrapAt(buffer, offset);
        v1 = recordLength() < LENGTH;
        return this;
    }

    public int layoutVersion() {
        return v1 ? 1 : 2;
    }

    public String err() {
        return text(16, v1 ? 64 : 302);
    }

    public int code() {
        return v1 ? inferCode(err()) : u8(318);
    }

    /** Non-zero on the last error of a batch; 255 for v1 records. */
    public int isLast() {
        return v1 ? 255 : u8(319);
    }

    static int inferCode(String err) {
        if (err.equals("User or API key deactivated")) {
            return CODE_API_KEY_DEACTIVATED;
        }
        if (err.equals("User has reached their open connection limit")) {
            return CODE_CONNECTION_LIMIT_EXCEEDED;
        }
        if (err.startsWith("Failed to resolve symbol")) {
            return CODE_SYMBOL_RESOLUTION_FAILED;
        }
        if (err.equals("Internal error")) {
            return CODE_INTERNAL_ERROR;
        }
        if (err.startsWith("Slow client detected for ")) {
            return CODE_SKIPPED_RECORDS;
        }
        return CODE_UNSET;
    }
}
