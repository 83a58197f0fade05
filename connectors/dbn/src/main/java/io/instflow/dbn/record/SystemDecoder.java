package io.instflow.dbn.record;

import org.agrona.DirectBuffer;

/**
 * Flyweight over a gateway system record (rtype 0x17), heartbeats included: 320 bytes with a code
 * byte in v2/v3, 80 bytes in v1 where the code is inferred from the text.
 */
public final class SystemDecoder extends RecordDecoder {

    public static final int LENGTH = 320;
    public static final int LENGTH_V1 = 80;

    public static final int CODE_HEARTBEAT = 0;
    public static final int CODE_SUBSCRIPTION_ACK = 1;
    public static final int CODE_SLOW_READER_WARNING = 2;
    public static final int CODE_REPLAY_COMPLETED = 3;
    public static final int CODE_END_OF_INTERVAL = 4;
    public static final int CODE_UNSET = 255;

    private boolean v1;

    public SystemDecoder wrap(DirectBuffer buffer, int offset) {
        wrapAt(buffer, offset);
        v1 = recordLength() < LENGTH;
        return this;
    }

    public int layoutVersion() {
        return v1 ? 1 : 2;
    }

    public String msg() {
        return text(16, v1 ? 64 : 303);
    }

    /** The code byte, or for v1 the code the official upgrade infers from the text. */
    public int code() {
        return v1 ? inferCode(msg()) : u8(319);
    }

    /** Whether this is a heartbeat (code 0, or an unset code with the text "Heartbeat"). */
    public boolean isHeartbeat() {
        int code = code();
        return code == CODE_HEARTBEAT || (code == CODE_UNSET && "Heartbeat".equals(msg()));
    }

    static int inferCode(String msg) {
        if (msg.equals("Heartbeat")) {
            return CODE_HEARTBEAT;
        }
        if (msg.startsWith("Subscription request ") && msg.endsWith(" succeeded")) {
            return CODE_SUBSCRIPTION_ACK;
        }
        if (msg.startsWith("Warning: slow reading")) {
            return CODE_SLOW_READER_WARNING;
        }
        if (msg.startsWith("Finished ") && msg.endsWith(" replay")) {
            return CODE_REPLAY_COMPLETED;
        }
        if (msg.startsWith("End of interval for ")) {
            return CODE_END_OF_INTERVAL;
        }
        return CODE_UNSET;
    }
}
