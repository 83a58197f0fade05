package io.instflow.dbn;

import java.util.Locale;

/** Record type ids (the {@code rtype} header byte) and the names Databento uses for them. */
public final class RType {

    public static final int MBP_0 = 0x00;
    public static final int MBP_1 = 0x01;
    public static final int MBP_10 = 0x0A;
    public static final int OHLCV_DEPRECATED = 0x11;
    public static final int STATUS = 0x12;
    public static final int INSTRUMENT_DEF = 0x13;
    public static final int IMBALANCE = 0x14;
    public static final int ERROR = 0x15;
    public static final int SYMBOL_MAPPING = 0x16;
    public static final int SYSTEM = 0x17;
    public static final int STATISTICS = 0x18;
    public static final int OHLCV_1S = 0x20;
    public static final int OHLCV_1M = 0x21;
    public static final int OHLCV_1H = 0x22;
    public static final int OHLCV_1D = 0x23;
    public static final int OHLCV_EOD = 0x24;
    public static final int MBO = 0xA0;
    public static final int CMBP_1 = 0xB1;
    public static final int CBBO_1S = 0xC0;
    public static final int CBBO_1M = 0xC1;
    public static final int TCBBO = 0xC2;
    public static final int BBO_1S = 0xC3;
    public static final int BBO_1M = 0xC4;

    private RType() {}

    /**
     * The schema-style name of a record type ({@code mbo}, {@code trades}, {@code mbp-1}, ...,
     * {@code symbol_mapping}, {@code system}, {@code error}); {@code unknown(0xNN)} otherwise.
     */
    public static String name(int rtype) {
        switch (rtype) {
            case MBP_0:
                return "trades";
            case MBP_1:
                return "mbp-1";
            case MBP_10:
                return "mbp-10";
            case OHLCV_DEPRECATED:
                return "ohlcv";
            case STATUS:
                return "status";
            case INSTRUMENT_DEF:
                return "definition";
            case IMBALANCE:
                return "imbalance";
            case ERROR:
                return "error";
            case SYMBOL_MAPPING:
                return "symbol_mapping";
            case SYSTEM:
                return "system";
            case STATISTICS:
                return "statistics";
            case OHLCV_1S:
                return "ohlcv-1s";
            case OHLCV_1M:
                return "ohlcv-1m";
            case OHLCV_1H:
                return "ohlcv-1h";
            case OHLCV_1D:
                return "ohlcv-1d";
            case OHLCV_EOD:
                return "ohlcv-eod";
            case MBO:
                return "mbo";
            case CMBP_1:
                return "cmbp-1";
            case CBBO_1S:
                return "cbbo-1s";
            case CBBO_1M:
                return "cbbo-1m";
            case TCBBO:
                return "tcbbo";
            case BBO_1S:
                return "bbo-1s";
            case BBO_1M:
                return "bbo-1m";
            default:
                return String.format(Locale.ROOT, "unknown(0x%02x)", rtype);
        }
    }
}
