package io.instflow.dbn;

/** DBN schemas with their metadata ids and API names. */
public enum Schema {
    MBO(0, "mbo"),
    MBP_1(1, "mbp-1"),
    MBP_10(2, "mbp-10"),
    TBBO(3, "tbbo"),
    TRADES(4, "trades"),
    OHLCV_1S(5, "ohlcv-1s"),
    OHLCV_1M(6, "ohlcv-1m"),
    OHLCV_1H(7, "ohlcv-1h"),
    OHLCV_1D(8, "ohlcv-1d"),
    DEFINITION(9, "definition"),
    STATISTICS(10, "statistics"),
    STATUS(11, "status"),
    IMBALANCE(12, "imbalance"),
    OHLCV_EOD(13, "ohlcv-eod"),
    CMBP_1(14, "cmbp-1"),
    CBBO_1S(15, "cbbo-1s"),
    CBBO_1M(16, "cbbo-1m"),
    TCBBO(17, "tcbbo"),
    BBO_1S(18, "bbo-1s"),
    BBO_1M(19, "bbo-1m");

    /** The metadata value for "no single schema" (live sessions). */
    public static final int NONE_ID = 0xFFFF;

    private final int id;
    private final String apiName;

    Schema(int id, String apiName) {
        this.id = id;
        this.apiName = apiName;
    }

    public int id() {
        return id;
    }

    /** The lower-case name used by Databento's APIs, e.g. {@code mbp-1}. */
    public String apiName() {
        return apiName;
    }

    /**
     * The schema with this metadata id, or {@code null} for none or an id this codec does not know.
     */
    public static Schema fromId(int id) {
        for (Schema s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return null;
    }

    /** The schema with this API name; throws with the accepted names when there is none. */
    public static Schema fromApiName(String name) {
        for (Schema s : values()) {
            if (s.apiName.equals(name)) {
                return s;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Schema s : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(s.apiName);
        }
        throw new IllegalArgumentException(
                "unknown schema '" + name + "'; expected one of: " + known);
    }

    /** The API name for a metadata id, or {@code null} for none/unknown. */
    public static String nameOf(int id) {
        Schema s = fromId(id);
        return s == null ? null : s.apiName;
    }
}
