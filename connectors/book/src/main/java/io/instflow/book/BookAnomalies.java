package io.instflow.book;

/**
 * Counts of MBO records the book could not apply as stated. Bad data, not bugs: each is counted and
 * the record is applied as far as it safely can be, never creating a phantom order.
 */
public final class BookAnomalies {

    /** Cancel of an order the book does not hold (hidden iceberg tranche, missed snapshot). */
    long unknownCancels;

    /**
     * Modify of an order the book does not hold; applied as a new order with the stated price and
     * size.
     */
    long unknownModifies;

    /** Add of an order id the book already holds; the new order replaces the old one. */
    long duplicateAdds;

    /** Cancel of more than the order's remaining size; the order is removed. */
    long overCancels;

    /**
     * Best bid at or above best offer at an F_LAST after the book has traded: a missed message,
     * since a continuous market matches crossing orders at once.
     */
    long crossedAtLast;

    /**
     * Crossed at an F_LAST before the first trade since the last clear or snapshot: normal in a
     * pre-open auction, where orders rest crossed until the opening uncross. Not an anomaly.
     */
    long crossedBeforeOpen;

    /** Records flagged MAYBE_BAD_BOOK (an unrecoverable gap upstream). */
    long maybeBadBook;

    /** Add or modify with a zero size or an undefined price; ignored. */
    long invalidOrders;

    public long unknownCancels() {
        return unknownCancels;
    }

    public long unknownModifies() {
        return unknownModifies;
    }

    public long duplicateAdds() {
        return duplicateAdds;
    }

    public long overCancels() {
        return overCancels;
    }

    public long crossedAtLast() {
        return crossedAtLast;
    }

    public long crossedBeforeOpen() {
        return crossedBeforeOpen;
    }

    public long maybeBadBook() {
        return maybeBadBook;
    }

    public long invalidOrders() {
        return invalidOrders;
    }

    /** Sum of the anomaly counts ({@link #crossedBeforeOpen()} is not one). */
    public long total() {
        return unknownCancels
                + unknownModifies
                + duplicateAdds
                + overCancels
                + crossedAtLast
                + maybeBadBook
                + invalidOrders;
    }

    /** Adds another book's counts to these. */
    public void addAll(BookAnomalies other) {
        unknownCancels += other.unknownCancels;
        unknownModifies += other.unknownModifies;
        duplicateAdds += other.duplicateAdds;
        overCancels += other.overCancels;
        crossedAtLast += other.crossedAtLast;
        crossedBeforeOpen += other.crossedBeforeOpen;
        maybeBadBook += other.maybeBadBook;
        invalidOrders += other.invalidOrders;
    }

    long[] toArray() {
        return new long[] {
            unknownCancels,
            unknownModifies,
            duplicateAdds,
            overCancels,
            crossedAtLast,
            maybeBadBook,
            invalidOrders,
            crossedBeforeOpen
        };
    }

    void fromArray(long[] values) {
        unknownCancels = values[0];
        unknownModifies = values[1];
        duplicateAdds = values[2];
        overCancels = values[3];
        crossedAtLast = values[4];
        maybeBadBook = values[5];
        invalidOrders = values[6];
        crossedBeforeOpen = values[7];
    }

    static final int FIELDS = 8;

    @Override
    public String toString() {
        return "unknown_cancels="
                + unknownCancels
                + " unknown_modifies="
                + unknownModifies
                + " duplicate_adds="
                + duplicateAdds
                + " over_cancels="
                + overCancels
                + " crossed_at_last="
                + crossedAtLast
                + " maybe_bad_book="
                + maybeBadBook
                + " invalid_orders="
                + invalidOrders
                + " crossed_before_open="
                + crossedBeforeOpen;
    }
}
