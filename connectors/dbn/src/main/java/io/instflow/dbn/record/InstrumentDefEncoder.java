package io.instflow.dbn.record;

import io.instflow.dbn.CText;
import io.instflow.dbn.RType;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Writes instrument definitions in the current (v3, 520-byte) layout; the mirror of {@link
 * InstrumentDefDecoder}. {@link #copyFrom} upgrades a v1 or v2 definition field by field. Setters
 * take the field's value as the decoder returns it. Not thread-safe. Long because it has one setter
 * per field of the 520-byte layout, as generated code would.
 */
public final class InstrumentDefEncoder {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * Starts a definition at {@code offset}: zeroes 520 bytes (plus 8 for a ts_out suffix) and
     * writes the length and rtype.
     */
    public InstrumentDefEncoder wrap(MutableDirectBuffer buffer, int offset, boolean tsOut) {
        int length = InstrumentDefDecoder.LENGTH + (tsOut ? 8 : 0);
        this.buffer = buffer;
        this.offset = offset;
        buffer.setMemory(offset, length, (byte) 0);
        buffer.putByte(offset, (byte) (length / 4));
        buffer.putByte(offset + 1, (byte) RType.INSTRUMENT_DEF);
        return this;
    }

    public InstrumentDefEncoder publisherId(int value) {
        buffer.putShort(offset + 2, (short) value, LE);
        return this;
    }

    public InstrumentDefEncoder instrumentId(long value) {
        buffer.putInt(offset + 4, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder tsEvent(long value) {
        buffer.putLong(offset + 8, value, LE);
        return this;
    }

    public InstrumentDefEncoder tsRecv(long value) {
        buffer.putLong(offset + 16, value, LE);
        return this;
    }

    public InstrumentDefEncoder minPriceIncrement(long value) {
        buffer.putLong(offset + 24, value, LE);
        return this;
    }

    public InstrumentDefEncoder displayFactor(long value) {
        buffer.putLong(offset + 32, value, LE);
        return this;
    }

    public InstrumentDefEncoder expiration(long value) {
        buffer.putLong(offset + 40, value, LE);
        return this;
    }

    public InstrumentDefEncoder activation(long value) {
        buffer.putLong(offset + 48, value, LE);
        return this;
    }

    public InstrumentDefEncoder highLimitPrice(long value) {
        buffer.putLong(offset + 56, value, LE);
        return this;
    }

    public InstrumentDefEncoder lowLimitPrice(long value) {
        buffer.putLong(offset + 64, value, LE);
        return this;
    }

    public InstrumentDefEncoder maxPriceVariation(long value) {
        buffer.putLong(offset + 72, value, LE);
        return this;
    }

    public InstrumentDefEncoder unitOfMeasureQty(long value) {
        buffer.putLong(offset + 80, value, LE);
        return this;
    }

    public InstrumentDefEncoder minPriceIncrementAmount(long value) {
        buffer.putLong(offset + 88, value, LE);
        return this;
    }

    public InstrumentDefEncoder priceRatio(long value) {
        buffer.putLong(offset + 96, value, LE);
        return this;
    }

    public InstrumentDefEncoder strikePrice(long value) {
        buffer.putLong(offset + 104, value, LE);
        return this;
    }

    public InstrumentDefEncoder rawInstrumentId(long value) {
        buffer.putLong(offset + 112, value, LE);
        return this;
    }

    public InstrumentDefEncoder legPrice(long value) {
        buffer.putLong(offset + 120, value, LE);
        return this;
    }

    public InstrumentDefEncoder legDelta(long value) {
        buffer.putLong(offset + 128, value, LE);
        return this;
    }

    public InstrumentDefEncoder instAttribValue(long value) {
        buffer.putInt(offset + 136, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder underlyingId(long value) {
        buffer.putInt(offset + 140, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder marketDepthImplied(long value) {
        buffer.putInt(offset + 144, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder marketDepth(long value) {
        buffer.putInt(offset + 148, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder marketSegmentId(long value) {
        buffer.putInt(offset + 152, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder maxTradeVol(long value) {
        buffer.putInt(offset + 156, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder minLotSize(long value) {
        buffer.putInt(offset + 160, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder minLotSizeBlock(long value) {
        buffer.putInt(offset + 164, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder minLotSizeRoundLot(long value) {
        buffer.putInt(offset + 168, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder minTradeVol(long value) {
        buffer.putInt(offset + 172, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder contractMultiplier(long value) {
        buffer.putInt(offset + 176, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder decayQuantity(long value) {
        buffer.putInt(offset + 180, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder originalContractSize(long value) {
        buffer.putInt(offset + 184, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder legInstrumentId(long value) {
        buffer.putInt(offset + 188, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder legRatioPriceNumerator(long value) {
        buffer.putInt(offset + 192, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder legRatioPriceDenominator(long value) {
        buffer.putInt(offset + 196, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder legRatioQtyNumerator(long value) {
        buffer.putInt(offset + 200, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder legRatioQtyDenominator(long value) {
        buffer.putInt(offset + 204, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder legUnderlyingId(long value) {
        buffer.putInt(offset + 208, (int) value, LE);
        return this;
    }

    public InstrumentDefEncoder applId(int value) {
        buffer.putShort(offset + 212, (short) value, LE);
        return this;
    }

    public InstrumentDefEncoder maturityYear(int value) {
        buffer.putShort(offset + 214, (short) value, LE);
        return this;
    }

    public InstrumentDefEncoder decayStartDate(int value) {
        buffer.putShort(offset + 216, (short) value, LE);
        return this;
    }

    public InstrumentDefEncoder channelId(int value) {
        buffer.putShort(offset + 218, (short) value, LE);
        return this;
    }

    public InstrumentDefEncoder legCount(int value) {
        buffer.putShort(offset + 220, (short) value, LE);
        return this;
    }

    public InstrumentDefEncoder legIndex(int value) {
        buffer.putShort(offset + 222, (short) value, LE);
        return this;
    }

    public InstrumentDefEncoder currency(String value) {
        CText.write(buffer, offset + 224, 4, value);
        return this;
    }

    public InstrumentDefEncoder settlCurrency(String value) {
        CText.write(buffer, offset + 228, 4, value);
        return this;
    }

    public InstrumentDefEncoder secsubtype(String value) {
        CText.write(buffer, offset + 232, 6, value);
        return this;
    }

    public InstrumentDefEncoder rawSymbol(String value) {
        CText.write(buffer, offset + 238, 71, value);
        return this;
    }

    public InstrumentDefEncoder group(String value) {
        CText.write(buffer, offset + 309, 21, value);
        return this;
    }

    public InstrumentDefEncoder exchange(String value) {
        CText.write(buffer, offset + 330, 5, value);
        return this;
    }

    public InstrumentDefEncoder asset(String value) {
        CText.write(buffer, offset + 335, 11, value);
        return this;
    }

    public InstrumentDefEncoder cfi(String value) {
        CText.write(buffer, offset + 346, 7, value);
        return this;
    }

    public InstrumentDefEncoder securityType(String value) {
        CText.write(buffer, offset + 353, 7, value);
        return this;
    }

    public InstrumentDefEncoder unitOfMeasure(String value) {
        CText.write(buffer, offset + 360, 31, value);
        return this;
    }

    public InstrumentDefEncoder underlying(String value) {
        CText.write(buffer, offset + 391, 21, value);
        return this;
    }

    public InstrumentDefEncoder strikePriceCurrency(String value) {
        CText.write(buffer, offset + 412, 4, value);
        return this;
    }

    public InstrumentDefEncoder legRawSymbol(String value) {
        CText.write(buffer, offset + 416, 71, value);
        return this;
    }

    public InstrumentDefEncoder instrumentClass(int value) {
        buffer.putByte(offset + 487, (byte) value);
        return this;
    }

    public InstrumentDefEncoder matchAlgorithm(int value) {
        buffer.putByte(offset + 488, (byte) value);
        return this;
    }

    public InstrumentDefEncoder mainFraction(int value) {
        buffer.putByte(offset + 489, (byte) value);
        return this;
    }

    public InstrumentDefEncoder priceDisplayFormat(int value) {
        buffer.putByte(offset + 490, (byte) value);
        return this;
    }

    public InstrumentDefEncoder subFraction(int value) {
        buffer.putByte(offset + 491, (byte) value);
        return this;
    }

    public InstrumentDefEncoder underlyingProduct(int value) {
        buffer.putByte(offset + 492, (byte) value);
        return this;
    }

    public InstrumentDefEncoder securityUpdateAction(int value) {
        buffer.putByte(offset + 493, (byte) value);
        return this;
    }

    public InstrumentDefEncoder maturityMonth(int value) {
        buffer.putByte(offset + 494, (byte) value);
        return this;
    }

    public InstrumentDefEncoder maturityDay(int value) {
        buffer.putByte(offset + 495, (byte) value);
        return this;
    }

    public InstrumentDefEncoder maturityWeek(int value) {
        buffer.putByte(offset + 496, (byte) value);
        return this;
    }

    public InstrumentDefEncoder userDefinedInstrument(int value) {
        buffer.putByte(offset + 497, (byte) value);
        return this;
    }

    public InstrumentDefEncoder contractMultiplierUnit(int value) {
        buffer.putByte(offset + 498, (byte) value);
        return this;
    }

    public InstrumentDefEncoder flowScheduleType(int value) {
        buffer.putByte(offset + 499, (byte) value);
        return this;
    }

    public InstrumentDefEncoder tickRule(int value) {
        buffer.putByte(offset + 500, (byte) value);
        return this;
    }

    public InstrumentDefEncoder legInstrumentClass(int value) {
        buffer.putByte(offset + 501, (byte) value);
        return this;
    }

    public InstrumentDefEncoder legSide(int value) {
        buffer.putByte(offset + 502, (byte) value);
        return this;
    }

    /** Copies every field of {@code d} (any version) into this v3 record; header included. */
    public InstrumentDefEncoder copyFrom(InstrumentDefDecoder d) {
        publisherId(d.publisherId()).instrumentId(d.instrumentId()).tsEvent(d.tsEvent());
        tsRecv(d.tsRecv());
        minPriceIncrement(d.minPriceIncrement());
        displayFactor(d.displayFactor());
        expiration(d.expiration());
        activation(d.activation());
        highLimitPrice(d.highLimitPrice());
        lowLimitPrice(d.lowLimitPrice());
        maxPriceVariation(d.maxPriceVariation());
        unitOfMeasureQty(d.unitOfMeasureQty());
        minPriceIncrementAmount(d.minPriceIncrementAmount());
        priceRatio(d.priceRatio());
        strikePrice(d.strikePrice());
        rawInstrumentId(d.rawInstrumentId());
        legPrice(d.legPrice());
        legDelta(d.legDelta());
        instAttribValue(d.instAttribValue());
        underlyingId(d.underlyingId());
        marketDepthImplied(d.marketDepthImplied());
        marketDepth(d.marketDepth());
        marketSegmentId(d.marketSegmentId());
        maxTradeVol(d.maxTradeVol());
        minLotSize(d.minLotSize());
        minLotSizeBlock(d.minLotSizeBlock());
        minLotSizeRoundLot(d.minLotSizeRoundLot());
        minTradeVol(d.minTradeVol());
        contractMultiplier(d.contractMultiplier());
        decayQuantity(d.decayQuantity());
        originalContractSize(d.originalContractSize());
        legInstrumentId(d.legInstrumentId());
        legRatioPriceNumerator(d.legRatioPriceNumerator());
        legRatioPriceDenominator(d.legRatioPriceDenominator());
        legRatioQtyNumerator(d.legRatioQtyNumerator());
        legRatioQtyDenominator(d.legRatioQtyDenominator());
        legUnderlyingId(d.legUnderlyingId());
        applId(d.applId());
        maturityYear(d.maturityYear());
        decayStartDate(d.decayStartDate());
        channelId(d.channelId());
        legCount(d.legCount());
        legIndex(d.legIndex());
        currency(d.currency());
        settlCurrency(d.settlCurrency());
        secsubtype(d.secsubtype());
        rawSymbol(d.rawSymbol());
        group(d.group());
        exchange(d.exchange());
        asset(d.asset());
        cfi(d.cfi());
        securityType(d.securityType());
        unitOfMeasure(d.unitOfMeasure());
        underlying(d.underlying());
        strikePriceCurrency(d.strikePriceCurrency());
        legRawSymbol(d.legRawSymbol());
        instrumentClass(d.instrumentClass());
        matchAlgorithm(d.matchAlgorithm());
        mainFraction(d.mainFraction());
        priceDisplayFormat(d.priceDisplayFormat());
        subFraction(d.subFraction());
        underlyingProduct(d.underlyingProduct());
        securityUpdateAction(d.securityUpdateAction());
        maturityMonth(d.maturityMonth());
        maturityDay(d.maturityDay());
        maturityWeek(d.maturityWeek());
        userDefinedInstrument(d.userDefinedInstrument());
        contractMultiplierUnit(d.contractMultiplierUnit());
        flowScheduleType(d.flowScheduleType());
        tickRule(d.tickRule());
        legInstrumentClass(d.legInstrumentClass());
        legSide(d.legSide());
        return this;
    }
}
