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

/**
 * Callback per decoded record. The decoder passed in is a flyweight valid only during the call;
 * copy what must outlive it. Every method defaults to doing nothing.
 */
public interface RecordHandler {

    default void onMbo(MboDecoder record) {}

    default void onTrade(TradeDecoder record) {}

    default void onMbp1(Mbp1Decoder record) {}

    default void onMbp10(Mbp10Decoder record) {}

    default void onBbo(BboDecoder record) {}

    default void onOhlcv(OhlcvDecoder record) {}

    default void onStatus(StatusDecoder record) {}

    default void onInstrumentDef(InstrumentDefDecoder record) {}

    default void onStat(StatDecoder record) {}

    default void onSymbolMapping(SymbolMappingDecoder record) {}

    default void onSystem(SystemDecoder record) {}

    default void onError(ErrorDecoder record) {}

    /** A record whose type this codec does not decode; it was skipped by its length. */
    default void onUnknown(int rtype, DirectBuffer buffer, int offset, int length) {}
}
