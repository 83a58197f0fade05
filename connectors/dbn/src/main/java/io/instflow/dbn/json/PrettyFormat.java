package io.instflow.dbn.json;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Databento's "pretty" renderings: ISO-8601 UTC with nanoseconds, prices with nine decimals. */
final class PrettyFormat {

    private final StringBuilder sb = new StringBuilder(32);

    /** e.g. {@code 2020-12-28T00:00:00.006150193Z}; {@code tsNanos} is u64 bits. */
    String timestamp(long tsNanos) {
        long seconds = Long.divideUnsigned(tsNanos, 1_000_000_000L);
        long nanos = Long.remainderUnsigned(tsNanos, 1_000_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        sb.setLength(0);
        pad(t.getYear(), 4);
        sb.append('-');
        pad(t.getMonthValue(), 2);
        sb.append('-');
        pad(t.getDayOfMonth(), 2);
        sb.append('T');
        pad(t.getHour(), 2);
        sb.append(':');
        pad(t.getMinute(), 2);
        sb.append(':');
        pad(t.getSecond(), 2);
        sb.append('.');
        pad(nanos, 9);
        sb.append('Z');
        return sb.toString();
    }

    /** e.g. {@code 3675.750000000} for 3675750000000. */
    String price(long priceE9) {
        return BigDecimal.valueOf(priceE9, 9).toPlainString();
    }

    private void pad(long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(digits);
    }
}
