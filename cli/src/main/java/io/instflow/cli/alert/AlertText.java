package io.instflow.cli.alert;

import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Signal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A signal as one line a trader reads at a glance. The action is the underlying future's: a put
 * sale implies buying the underlying, so the line names the underlying beside the action.
 */
public final class AlertText {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private AlertText() {}

    public static String of(Signal signal) {
        PressureMetrics m = signal.getMetrics();
        StringBuilder line =
                new StringBuilder()
                        .append(signal.getTier())
                        .append(' ')
                        .append(signal.getAction())
                        .append(" underlying ")
                        .append(m.getUnderlying())
                        .append(" (")
                        .append(signal.getDirection())
                        .append(") from ")
                        .append(m.getRawSymbol())
                        .append(", expiring ")
                        .append(DAY.format(instant(m.getExpiration())))
                        .append(": aggressors bought ")
                        .append(m.getBuyVolume())
                        .append(" and sold ")
                        .append(m.getSellVolume())
                        .append(" contracts in ")
                        .append(DAY.format(instant(m.getWindowStart())))
                        .append(' ')
                        .append(TIME.format(instant(m.getWindowStart())))
                        .append('-')
                        .append(TIME.format(instant(m.getWindowEnd())))
                        .append(" UTC; confidence ")
                        .append(String.format(Locale.ROOT, "%.2f", signal.getFinalConfidence()))
                        .append(", profile ")
                        .append(signal.getProfile())
                        .append(" (")
                        .append(signal.getAlgorithm())
                        .append(')');
        if (m.getDegraded()) {
            line.append("; DEGRADED: estimated from ").append(m.getSource());
            if (m.getDelayMs() != null) {
                line.append(", delayed ").append(m.getDelayMs() / 1000).append(" s");
            }
        }
        return line.append("; signal ").append(signal.getSignalId()).toString();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }
}
