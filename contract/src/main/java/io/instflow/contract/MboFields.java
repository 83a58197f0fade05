package io.instflow.contract;

import io.instflow.avro.BookSide;
import io.instflow.avro.MboAction;
import io.instflow.dbn.DbnConstants;

/**
 * The DBN to Avro mapping of an MBO record's coded fields, both ways, in one place: the action and
 * side characters of DBN and the enums of {@code MboEvent}, DBN's undefined-price sentinel and
 * Avro's null. Code that works on books keeps the DBN characters and integer prices; only the Kafka
 * value uses the enums. No allocation; never throws on unknown codes.
 */
public final class MboFields {

    /** DBN's undefined price (also used for prices absent from an Avro value). */
    public static final long UNDEF_PRICE = DbnConstants.UNDEF_PRICE;

    private MboFields() {}

    /** The Avro action of a DBN action character; {@code UNKNOWN} for codes DBN does not define. */
    public static MboAction action(byte dbnAction) {
        return switch (dbnAction) {
            case 'A' -> MboAction.ADD;
            case 'C' -> MboAction.CANCEL;
            case 'M' -> MboAction.MODIFY;
            case 'R' -> MboAction.CLEAR;
            case 'T' -> MboAction.TRADE;
            case 'F' -> MboAction.FILL;
            case 'N' -> MboAction.NONE;
            default -> MboAction.UNKNOWN;
        };
    }

    /** The DBN action character of an Avro action; {@code 'N'} (none) for {@code UNKNOWN}. */
    public static byte dbnAction(MboAction action) {
        return switch (action) {
            case ADD -> 'A';
            case CANCEL -> 'C';
            case MODIFY -> 'M';
            case CLEAR -> 'R';
            case TRADE -> 'T';
            case FILL -> 'F';
            case NONE, UNKNOWN -> 'N';
        };
    }

    /** The Avro side of a DBN side character: B bid, A ask, anything else none. */
    public static BookSide side(byte dbnSide) {
        return switch (dbnSide) {
            case 'B' -> BookSide.BID;
            case 'A' -> BookSide.ASK;
            default -> BookSide.NONE;
        };
    }

    /** The DBN side character of an Avro side. */
    public static byte dbnSide(BookSide side) {
        return switch (side) {
            case BID -> 'B';
            case ASK -> 'A';
            case NONE -> 'N';
        };
    }

    /** A DBN price (1e-9 units) as the Avro field: null when undefined. */
    public static Long price(long dbnPrice) {
        return dbnPrice == UNDEF_PRICE ? null : dbnPrice;
    }

    /** An Avro price field as a DBN price: the undefined sentinel for null. */
    public static long dbnPrice(Long price) {
        return price == null ? UNDEF_PRICE : price;
    }
}
