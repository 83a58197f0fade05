package io.instflow.dbn;

import io.instflow.dbn.record.BboDecoder;
import io.instflow.dbn.record.ErrorDecoder;
import io.instflow.dbn.record.InstrumentDefDecoder;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.dbn.record.Mbp10Decoder;
import io.instflow.dbn.record.Mbp1Decoder;
import io.instflow.dbn.record.OhlcvDecoder;
import io.instflow.dbn.record.RecordDecoder;
import io.instflow.dbn.record.StatDecoder;
import io.instflow.dbn.record.StatusDecoder;
import io.instflow.dbn.record.SymbolMappingDecoder;
import io.instflow.dbn.record.SystemDecoder;
import io.instflow.dbn.record.TradeDecoder;

import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts what a DBN stream holds: records per type, distinct instruments, the first and last
 * record's ts_event, and for order and trade records (MBO, trades, MBP-1, MBP-10) the records per
 * action, side and flag bit. Feed it as a handler.
 */
public final class DbnSummary implements RecordHandler {

    private final long[] byRtype = new long[256];
    private final long[] actions = new long[256];
    private final long[] sides = new long[256];
    private final long[] flags = new long[8];
    private final LongHashSet instruments = new LongHashSet();
    private long records;
    private long firstTsEvent = DbnConstants.UNDEF_TIMESTAMP;
    private long lastTsEvent = DbnConstants.UNDEF_TIMESTAMP;

    private void count(int rtype, long instrumentId, long tsEvent) {
        if (records == 0) {
            firstTsEvent = tsEvent;
        }
        lastTsEvent = tsEvent;
        records++;
        byRtype[rtype]++;
        instruments.add(instrumentId);
    }

    private void count(RecordDecoder r) {
        count(r.rtype(), r.instrumentId(), r.tsEvent());
    }

    private void countEvent(byte action, byte side, int flagBits) {
        actions[action & 0xFF]++;
        sides[side & 0xFF]++;
        for (int bit = 0; bit < 8; bit++) {
            if ((flagBits & (1 << bit)) != 0) {
                flags[bit]++;
            }
        }
    }

    @Override
    public void onMbo(MboDecoder r) {
        count(r);
        countEvent(r.action(), r.side(), r.flags());
    }

    @Override
    public void onTrade(TradeDecoder r) {
        count(r);
        countEvent(r.action(), r.side(), r.flags());
    }

    @Override
    public void onMbp1(Mbp1Decoder r) {
        count(r);
        countEvent(r.action(), r.side(), r.flags());
    }

    @Override
    public void onMbp10(Mbp10Decoder r) {
        count(r);
        countEvent(r.action(), r.side(), r.flags());
    }

    @Override
    public void onBbo(BboDecoder r) {
        count(r);
    }

    @Override
    public void onOhlcv(OhlcvDecoder r) {
        count(r);
    }

    @Override
    public void onStatus(StatusDecoder r) {
        count(r);
    }

    @Override
    public void onInstrumentDef(InstrumentDefDecoder r) {
        count(r);
    }

    @Override
    public void onStat(StatDecoder r) {
        count(r);
    }

    @Override
    public void onSymbolMapping(SymbolMappingDecoder r) {
        count(r);
    }

    @Override
    public void onSystem(SystemDecoder r) {
        count(r);
    }

    @Override
    public void onError(ErrorDecoder r) {
        count(r);
    }

    @Override
    public void onUnknown(int rtype, DirectBuffer buffer, int offset, int length) {
        count(
                rtype,
                Integer.toUnsignedLong(buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN)),
                buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN));
    }

    public long records() {
        return records;
    }

    /** Records per type name ({@link RType#name}), in rtype order. */
    public Map<String, Long> byType() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int rtype = 0; rtype < byRtype.length; rtype++) {
            if (byRtype[rtype] > 0) {
                out.merge(RType.name(rtype), byRtype[rtype], Long::sum);
            }
        }
        return out;
    }

    public int distinctInstruments() {
        return instruments.size();
    }

    /** ts_event of the first record; undefined when there was none. */
    public long firstTsEvent() {
        return firstTsEvent;
    }

    public long lastTsEvent() {
        return lastTsEvent;
    }

    /** Order and trade records per action character, in character order. */
    public Map<String, Long> actions() {
        return byChar(actions);
    }

    /** Order and trade records per side character, in character order. */
    public Map<String, Long> sides() {
        return byChar(sides);
    }

    /** Order and trade records carrying each named flag bit. */
    public Map<String, Long> flags() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int bit : Flags.bits()) {
            long n = flags[Integer.numberOfTrailingZeros(bit)];
            if (n > 0) {
                out.put(Flags.name(bit), n);
            }
        }
        return out;
    }

    private static Map<String, Long> byChar(long[] counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                out.put(
                        c >= 0x21 && c < 0x7F
                                ? String.valueOf((char) c)
                                : String.format(Locale.ROOT, "0x%02x", c),
                        counts[c]);
            }
        }
        return out;
    }
}
