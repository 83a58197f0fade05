package io.instflow.simulator;

import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.Flags;
import io.instflow.dbn.Metadata;
import io.instflow.dbn.SType;
import io.instflow.dbn.Schema;
import io.instflow.dbn.io.DbnWriter;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.dbn.record.MboEncoder;

import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes MBO records of one simulated day as an exchange would publish them: records of one
 * exchange message share ts_event, ts_recv strictly increases, the venue sequence increases per
 * message, and the last record of each event carries LAST. Not thread-safe.
 */
final class MboStream implements AutoCloseable {

    static final byte ADD = 'A';
    static final byte CANCEL = 'C';
    static final byte MODIFY = 'M';
    static final byte CLEAR = 'R';
    static final byte TRADE = 'T';
    static final byte FILL = 'F';

    private final DbnWriter writer;
    private final SplittableRandom random;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(MboDecoder.LENGTH);
    private final MboEncoder encoder = new MboEncoder();
    private long lastTsRecv;
    private long sequence;
    private long tsEvent;
    private long tsRecv;
    private long records;
    private long trades;
    private long second = Long.MIN_VALUE;
    private long recordsThisSecond;
    private long peakRecordsPerSecond;

    MboStream(Path file, Metadata metadata, SplittableRandom random, long firstSequence) {
        this.writer = DbnWriter.create(file, true).writeMetadata(metadata);
        this.random = random;
        this.sequence = firstSequence;
    }

    static Metadata metadata(
            List<Contract> chain, Schema schema, long startNs, long endNs, int date) {
        List<Metadata.SymbolMapping> mappings = new ArrayList<>();
        for (Contract c : chain) {
            mappings.add(DefinitionWriter.mapping(c, date));
        }
        return new Metadata(
                3,
                "GLBX.MDP3",
                schema.id(),
                startNs,
                endNs,
                0,
                DefinitionWriter.stypeIn(),
                SType.INSTRUMENT_ID.id(),
                false,
                DefinitionWriter.parents(chain),
                List.of(),
                List.of(),
                mappings);
    }

    static int nextDate(int yyyymmdd) {
        LocalDate d =
                LocalDate.of(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100).plusDays(1);
        return d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
    }

    /** Starts an exchange message at matching-engine time {@code eventNs}. */
    void message(long eventNs) {
        tsEvent = Math.max(eventNs, tsEvent);
        tsRecv =
                Math.max(
                        lastTsRecv + 1 + random.nextInt(400),
                        tsEvent + 8_000 + random.nextInt(30_000));
        lastTsRecv = tsRecv;
        sequence++;
    }

    /** Appends one record to the current message. */
    void record(
            long instrumentId,
            byte action,
            byte side,
            long orderId,
            long price,
            long size,
            int flags) {
        encoder.wrap(buffer, 0)
                .publisherId(1)
                .instrumentId(instrumentId)
                .tsEvent(tsEvent)
                .orderId(orderId)
                .price(price)
                .size(size)
                .flags(flags)
                .channelId(0)
                .action(action)
                .side(side)
                .tsRecv(tsRecv)
                .tsInDelta(12_000 + (int) ((tsRecv - tsEvent) % 9_000))
                .sequence(sequence);
        writer.writeRecord(buffer, 0, MboDecoder.LENGTH);
        records++;
        if (tsEvent / 1_000_000_000L != second) {
            second = tsEvent / 1_000_000_000L;
            recordsThisSecond = 0;
        }
        peakRecordsPerSecond = Math.max(peakRecordsPerSecond, ++recordsThisSecond);
        if (action == TRADE) {
            trades++;
        }
    }

    /** A book snapshot header for one instrument: a clear flagged SNAPSHOT. */
    void snapshotClear(long instrumentId) {
        record(
                instrumentId,
                CLEAR,
                (byte) 'N',
                0,
                DbnConstants.UNDEF_PRICE,
                0,
                Flags.SNAPSHOT | Flags.BAD_TS_RECV);
    }

    long records() {
        return records;
    }

    /** The most records written with one second of event time. */
    long peakRecordsPerSecond() {
        return peakRecordsPerSecond;
    }

    long trades() {
        return trades;
    }

    long sequence() {
        return sequence;
    }

    long tsRecv() {
        return tsRecv;
    }

    @Override
    public void close() {
        writer.close();
    }
}
