package io.instflow.ingest;

import io.instflow.dbn.RType;
import io.instflow.dbn.RecordHandler;
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

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends decoded market records to Kafka: MBO to the MBO topic, definitions to the definitions
 * topic, and trades to the MBO topic as T records when asked for ({@link #tradesAsMbo}: trade-only
 * data; never beside MBO, which carries the same trades). Record types the topics do not carry
 * (MBP, statistics, ...) are counted and reported, and records of unknown types go to the
 * dead-letter topic: nothing vanishes silently.
 */
public final class MarketDataHandler implements RecordHandler {

    private final KafkaPublisher publisher;
    private final boolean tsOut;
    private final String source;
    private final long[] skipped = new long[256];
    private final boolean tradesAsMbo;

    public MarketDataHandler(KafkaPublisher publisher, boolean tsOut, String source) {
        this(publisher, tsOut, source, false);
    }

    private MarketDataHandler(
            KafkaPublisher publisher, boolean tsOut, String source, boolean tradesAsMbo) {
        this.publisher = publisher;
        this.tsOut = tsOut;
        this.source = source;
        this.tradesAsMbo = tradesAsMbo;
    }

    /** A handler that also publishes trades records, as MBO T records. */
    public static MarketDataHandler tradesAsMbo(KafkaPublisher publisher, String source) {
        return new MarketDataHandler(publisher, false, source, true);
    }

    @Override
    public void onMbo(MboDecoder r) {
        publisher.mbo(r, tsOut);
    }

    @Override
    public void onInstrumentDef(InstrumentDefDecoder r) {
        publisher.definition(r);
    }

    @Override
    public void onTrade(TradeDecoder r) {
        if (tradesAsMbo) {
            publisher.trade(r);
        } else {
            skip(r);
        }
    }

    @Override
    public void onMbp1(Mbp1Decoder r) {
        skip(r);
    }

    @Override
    public void onMbp10(Mbp10Decoder r) {
        skip(r);
    }

    @Override
    public void onBbo(BboDecoder r) {
        skip(r);
    }

    @Override
    public void onOhlcv(OhlcvDecoder r) {
        skip(r);
    }

    @Override
    public void onStatus(StatusDecoder r) {
        skip(r);
    }

    @Override
    public void onStat(StatDecoder r) {
        skip(r);
    }

    @Override
    public void onSymbolMapping(SymbolMappingDecoder r) {
        skip(r);
    }

    @Override
    public void onSystem(SystemDecoder r) {
        skip(r);
    }

    @Override
    public void onError(ErrorDecoder r) {
        skip(r);
    }

    @Override
    public void onUnknown(int rtype, DirectBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        publisher.deadLetter(
                bytes,
                String.format(Locale.ROOT, "unknown record type 0x%02x (%d bytes)", rtype, length),
                source,
                -1);
    }

    private void skip(RecordDecoder r) {
        skipped[r.rtype()]++;
    }

    /** Records not published because no topic carries their type, by type name. */
    public Map<String, Long> skipped() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int rtype = 0; rtype < skipped.length; rtype++) {
            if (skipped[rtype] > 0) {
                out.merge(RType.name(rtype), skipped[rtype], Long::sum);
            }
        }
        return out;
    }
}
