package io.instflow.dbn;

/** Symbology types with their metadata ids and API names. */
public enum SType {
    INSTRUMENT_ID(0, "instrument_id"),
    RAW_SYMBOL(1, "raw_symbol"),
    SMART(2, "smart"),
    CONTINUOUS(3, "continuous"),
    PARENT(4, "parent"),
    NASDAQ_SYMBOL(5, "nasdaq_symbol"),
    CMS_SYMBOL(6, "cms_symbol"),
    ISIN(7, "isin"),
    US_CODE(8, "us_code"),
    BBG_COMP_ID(9, "bbg_comp_id"),
    BBG_COMP_TICKER(10, "bbg_comp_ticker"),
    FIGI(11, "figi"),
    FIGI_TICKER(12, "figi_ticker");

    /** The metadata value for "none or mixed" (live sessions). */
    public static final int NONE_ID = 0xFF;

    private final int id;
    private final String apiName;

    SType(int id, String apiName) {
        this.id = id;
        this.apiName = apiName;
    }

    public int id() {
        return id;
    }

    public String apiName() {
        return apiName;
    }

    /** The symbology type with this id, or {@code null} for none or unknown ids. */
    public static SType fromId(int id) {
        for (SType s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return null;
    }

    /** The symbology type with this API name; throws with the accepted names when there is none. */
    public static SType fromApiName(String name) {
        for (SType s : values()) {
            if (s.apiName.equals(name)) {
                return s;
            }
        }
        StringBuilder known = new StringBuilder();
        for (SType s : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(s.apiName);
        }
        throw new IllegalArgumentException(
                "unknown stype '" + name + "'; expected one of: " + known);
    }

    /** The API name for an id, or {@code null} for none/unknown. */
    public static String nameOf(int id) {
        SType s = fromId(id);
        return s == null ? null : s.apiName;
    }
}
