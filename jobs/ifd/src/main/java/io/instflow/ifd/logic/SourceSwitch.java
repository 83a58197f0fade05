package io.instflow.ifd.logic;

import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;

import java.util.Map;

/**
 * Reading the connector's FAILOVER and FAILBACK transitions, and the source they leave governing a
 * window.
 */
public final class SourceSwitch {

    public static final String DATABENTO = "DATABENTO";
    public static final String BARCHART = "BARCHART";

    private SourceSwitch() {}

    /**
     * The source a status event hands the windows to from its {@code effective_from}; null when it
     * is no switch.
     */
    public static String governing(FeedStatus s) {
        if (!"failover".equals(s.getSource()) || s.getEffectiveFrom() == null) {
            return null;
        }
        return s.getKind() == FeedStatusKind.FAILOVER
                ? BARCHART
                : s.getKind() == FeedStatusKind.FAILBACK ? DATABENTO : null;
    }

    /**
     * The source governing the window starting at {@code windowStartMs}: that of the latest switch
     * at or before it.
     */
    public static String governingAt(
            long windowStartMs, Iterable<Map.Entry<Long, String>> switches) {
        String governing = DATABENTO;
        long latest = Long.MIN_VALUE;
        for (Map.Entry<Long, String> s : switches) {
            if (s.getKey() <= windowStartMs && s.getKey() > latest) {
                latest = s.getKey();
                governing = s.getValue();
            }
        }
        return governing;
    }
}
