package io.instflow.dbn;

import io.instflow.dbn.record.ErrorDecoder;
import io.instflow.dbn.record.InstrumentDefDecoder;
import io.instflow.dbn.record.InstrumentDefEncoder;
import io.instflow.dbn.record.StatDecoder;
import io.instflow.dbn.record.SymbolMappingDecoder;
import io.instflow.dbn.record.SystemDecoder;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Rewrites v1/v2 records in the current (v3) layout, following the rules of Databento's own
 * upgrade: definitions lose the fields v3 dropped and gain undefined leg fields, statistics widen
 * the quantity, and v1 symbol mapping, system and error records get their v2 shape with codes
 * inferred from the text. Records already in the current layout are returned as they are. Not
 * thread-safe; the returned view is valid until the next call.
 */
public final class RecordUpgrader {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final InstrumentDefDecoder definition = new InstrumentDefDecoder();
    private final InstrumentDefEncoder definitionEncoder = new InstrumentDefEncoder();
    private final StatDecoder stat = new StatDecoder();
    private final SymbolMappingDecoder symbolMapping = new SymbolMappingDecoder();
    private final SystemDecoder system = new SystemDecoder();
    private final ErrorDecoder error = new ErrorDecoder();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(1024);
    private int upgradedLength;

    /**
     * Upgrades the record at {@code offset} when its layout is older than v3. Returns {@code false}
     * when the record is already current (use it as it is); otherwise the result is at offset 0 of
     * {@link #upgraded()}, {@link #upgradedLength()} bytes long.
     *
     * @param tsOut whether records carry the 8-byte ts_out suffix, which is kept
     */
    public boolean upgrade(DirectBuffer source, int offset, int length, boolean tsOut) {
        int rtype = source.getByte(offset + 1) & 0xFF;
        int body = length - (tsOut ? 8 : 0);
        int newBody;
        switch (rtype) {
            case RType.INSTRUMENT_DEF:
                if (body >= InstrumentDefDecoder.LENGTH) {
                    return unchanged(length);
                }
                definitionEncoder.wrap(scratch, 0, false).copyFrom(definition.wrap(source, offset));
                newBody = InstrumentDefDecoder.LENGTH;
                break;
            case RType.STATISTICS:
                if (body >= StatDecoder.LENGTH) {
                    return unchanged(length);
                }
                newBody = writeStat(stat.wrap(source, offset));
                break;
            case RType.SYMBOL_MAPPING:
                if (body >= SymbolMappingDecoder.LENGTH) {
                    return unchanged(length);
                }
                newBody = writeSymbolMapping(symbolMapping.wrap(source, offset));
                break;
            case RType.SYSTEM:
                if (body >= SystemDecoder.LENGTH) {
                    return unchanged(length);
                }
                newBody = writeSystem(system.wrap(source, offset));
                break;
            case RType.ERROR:
                if (body >= ErrorDecoder.LENGTH) {
                    return unchanged(length);
                }
                newBody = writeError(error.wrap(source, offset));
                break;
            default:
                return unchanged(length);
        }
        upgradedLength = newBody + (tsOut ? 8 : 0);
        if (tsOut) {
            scratch.putLong(newBody, source.getLong(offset + length - 8, LE), LE);
        }
        scratch.putByte(0, (byte) (upgradedLength / 4));
        return true;
    }

    /** The buffer holding the last upgraded record, at offset 0. */
    public DirectBuffer upgraded() {
        return scratch;
    }

    /** Length of the last upgraded record, ts_out suffix included. */
    public int upgradedLength() {
        return upgradedLength;
    }

    private boolean unchanged(int length) {
        upgradedLength = length;
        return false;
    }

    private int writeStat(StatDecoder s) {
        header(s.rtype(), s.publisherId(), s.instrumentId(), s.tsEvent(), StatDecoder.LENGTH);
        scratch.putLong(16, s.tsRecv(), LE);
        scratch.putLong(24, s.tsRef(), LE);
        scratch.putLong(32, s.price(), LE);
        scratch.putLong(40, s.quantity(), LE);
        scratch.putInt(48, (int) s.sequence(), LE);
        scratch.putInt(52, s.tsInDelta(), LE);
        scratch.putShort(56, (short) s.statType(), LE);
        scratch.putShort(58, (short) s.channelId(), LE);
        scratch.putByte(60, (byte) s.updateAction());
        scratch.putByte(61, (byte) s.statFlags());
        return StatDecoder.LENGTH;
    }

    private int writeSymbolMapping(SymbolMappingDecoder m) {
        header(
                m.rtype(),
                m.publisherId(),
                m.instrumentId(),
                m.tsEvent(),
                SymbolMappingDecoder.LENGTH);
        scratch.putByte(16, (byte) m.stypeIn());
        CText.write(scratch, 17, DbnConstants.SYMBOL_CSTR_LEN, m.stypeInSymbol());
        scratch.putByte(88, (byte) m.stypeOut());
        CText.write(scratch, 89, DbnConstants.SYMBOL_CSTR_LEN, m.stypeOutSymbol());
        scratch.putLong(160, m.startTs(), LE);
        scratch.putLong(168, m.endTs(), LE);
        return SymbolMappingDecoder.LENGTH;
    }

    private int writeSystem(SystemDecoder s) {
        header(s.rtype(), s.publisherId(), s.instrumentId(), s.tsEvent(), SystemDecoder.LENGTH);
        CText.write(scratch, 16, 303, s.msg());
        scratch.putByte(319, (byte) s.code());
        return SystemDecoder.LENGTH;
    }

    private int writeError(ErrorDecoder e) {
        header(e.rtype(), e.publisherId(), e.instrumentId(), e.tsEvent(), ErrorDecoder.LENGTH);
        CText.write(scratch, 16, 302, e.err());
        scratch.putByte(318, (byte) e.code());
        scratch.putByte(319, (byte) e.isLast());
        return ErrorDecoder.LENGTH;
    }

    private void header(int rtype, int publisherId, long instrumentId, long tsEvent, int length) {
        MutableDirectBuffer b = scratch;
        b.setMemory(0, length + 8, (byte) 0);
        b.putByte(1, (byte) rtype);
        b.putShort(2, (short) publisherId, LE);
        b.putInt(4, (int) instrumentId, LE);
        b.putLong(8, tsEvent, LE);
    }
}
