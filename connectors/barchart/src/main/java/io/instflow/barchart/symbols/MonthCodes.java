package io.instflow.barchart.symbols;

/** Futures month letters, F (January) to Z (December). */
public final class MonthCodes {

    private static final String CODES = "FGHJKMNQUVXZ";

    private MonthCodes() {}

    public static int month(char code) {
        int i = CODES.indexOf(code);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "'" + code + "' is not a futures month letter (" + CODES + ")");
        }
        return i + 1;
    }

    public static char code(int month) {
        return CODES.charAt(month - 1);
    }
}
