package io.instflow.dbn;

import io.instflow.dbn.record.BboDecoder;
import io.instflow.dbn.record.ErrorDecoder;
import io.instflow.dbn.record.InstrumentDefDecoder;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.dbn.record.Mbp10Decoder;
import io.instflow.dbn.record.Mbp1Decoder;
import io.instflow.dbn.record.OhlcvDecoder;
import io.instflow.dbn.record.StatDecoder;
import io.instflow.dbn.record.StatusDecoder;
import io.instflow.dbn.record.SymbolMappingDecoder;
import io.instflow.dbn.record.SystemDecoder;
import io.instflow.dbn.record.TradeDecoder;

import org.agrona.DirectBuffer;

import java.util.Locale;

/**
 * Routes one framed record to the matching preallocated flyweight and the handler. A record shorter
 * than its type's smallest layout is corrupt and raises {@link DbnFormatException}; unknown record
 * types go to {@link RecordHandler#onUnknown} and are counted. Not thread-safe.
 */
public final class RecordDispatcher {

    private final MboDecoder mbo = new MboDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final Mbp1Decoder mbp1 = new Mbp1Decoder();
    private final Mbp10Decoder mbp10 = new Mbp10Decoder();
    private final BboDecoder bbo = new BboDecoder();
    private final OhlcvDecoder ohlcv = new OhlcvDecoder();
    private final StatusDecoder status = new StatusDecoder();
    private final InstrumentDefDecoder definition = new InstrumentDefDecoder();
    private final StatDecoder stat = new StatDecoder();
    private final SymbolMappingDecoder symbolMapping = new SymbolMappingDecoder();
    private final SystemDecoder system = new SystemDecoder();
    private final ErrorDecoder error = new ErrorDecoder();
    private final RecordHandler handler;
    private long unknownRecords;

    public RecordDispatcher(RecordHandler handler) {
        this.handler = handler;
    }

    /** Number of records of a type this codec does not decode, skipped so far. */
    public long unknownRecords() {
        return unknownRecords;
    }

    /** Decodes the record of {@code length} bytes at {@code offset} and calls the handler. */
    public void dispatch(DirectBuffer buffer, int offset, int length) {
        int rtype = buffer.getByte(offset + 1) & 0xFF;
        switch (rtype) {
            case RType.MBO:
                checkLength(rtype, length, MboDecoder.LENGTH, offset);
                handler.onMbo(mbo.wrap(buffer, offset));
                break;
            case RType.MBP_0:
                checkLength(rtype, length, TradeDecoder.LENGTH, offset);
                handler.onTrade(trade.wrap(buffer, offset));
                break;
            case RType.MBP_1:
                checkLength(rtype, length, Mbp1Decoder.LENGTH, offset);
                handler.onMbp1(mbp1.wrap(buffer, offset));
                break;
            case RType.MBP_10:
                checkLength(rtype, length, Mbp10Decoder.LENGTH, offset);
                handler.onMbp10(mbp10.wrap(buffer, offset));
                break;
            case RType.BBO_1S:
            case RType.BBO_1M:
                checkLength(rtype, length, BboDecoder.LENGTH, offset);
                handler.onBbo(bbo.wrap(buffer, offset));
                break;
            case RType.OHLCV_DEPRECATED:
            case RType.OHLCV_1S:
            case RType.OHLCV_1M:
            case RType.OHLCV_1H:
            case RType.OHLCV_1D:
            case RType.OHLCV_EOD:
                checkLength(rtype, length, OhlcvDecoder.LENGTH, offset);
                handler.onOhlcv(ohlcv.wrap(buffer, offset));
                break;
            case RType.STATUS:
                checkLength(rtype, length, StatusDecoder.LENGTH, offset);
                handler.onStatus(status.wrap(buffer, offset));
                break;
            case RType.INSTRUMENT_DEF:
                checkLength(rtype, length, InstrumentDefDecoder.LENGTH_V1, offset);
                handler.onInstrumentDef(definition.wrap(buffer, offset));
                break;
            case RType.STATISTICS:
                checkLength(rtype, length, StatDecoder.LENGTH_V2, offset);
                handler.onStat(stat.wrap(buffer, offset));
                break;
            case RType.SYMBOL_MAPPING:
                checkLength(rtype, length, SymbolMappingDecoder.LENGTH_V1, offset);
                handler.onSymbolMapping(symbolMapping.wrap(buffer, offset));
                break;
            case RType.SYSTEM:
                checkLength(rtype, length, SystemDecoder.LENGTH_V1, offset);
                handler.onSystem(system.wrap(buffer, offset));
                break;
            case RType.ERROR:
                checkLength(rtype, length, ErrorDecoder.LENGTH_V1, offset);
                handler.onError(error.wrap(buffer, offset));
                break;
            default:
                unknownRecords++;
                handler.onUnknown(rtype, buffer, offset, length);
        }
    }

    private static void checkLength(int rtype, int length, int minimum, int offset) {
        if (length < minimum) {
            throw new DbnFormatException(
                    String.format(
                            Locale.ROOT,
                            "%s record at buffer offset %d is %d bytes, shorter than its %d-byte layout",
                            RType.name(rtype),
                            offset,
                            length,
                            minimum));
        }
    }
}
