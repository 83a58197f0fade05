package io.instflow.dbn.record;

import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.DbnFormatException;

import org.agrona.DirectBuffer;

/**
 * Flyweight over an instrument definition (rtype 0x13): 520 bytes in v3, 400 in v2, 360 in v1. The
 * layout is chosen from the record length (the three sizes are more than a ts_out suffix apart), so
 * fragments decode without metadata. Fields a version lacks read as undefined: v3-only leg fields
 * as their sentinel or 0, fields removed in v3 as their sentinel.
 */
public final class InstrumentDefDecoder extends RecordDecoder {

    public static final int LENGTH = 520;
    public static final int LENGTH_V2 = 400;
    public static final int LENGTH_V1 = 360;

    private DefinitionLayout layout;

    public InstrumentDefDecoder wrap(DirectBuffer buffer, int offset) {
        wrapAt(buffer, offset);
        int length = recordLength();
        if (length >= LENGTH) {
            layout = DefinitionLayout.V3;
        } else if (length >= LENGTH_V2) {
            layout = DefinitionLayout.V2;
        } else if (length >= LENGTH_V1) {
            layout = DefinitionLayout.V1;
        } else {
            throw new DbnFormatException(
                    "instrument definition of " + length + " bytes is shorter than any version's");
        }
        return this;
    }

    /** The DBN version whose layout this record has. */
    public int layoutVersion() {
        return layout.version;
    }

    public long tsRecv() {
        return i64(16);
    }

    public long minPriceIncrement() {
        return i64(24);
    }

    public long displayFactor() {
        return i64(32);
    }

    /** Last eligible trade time, ns; undefined when none. */
    public long expiration() {
        return i64(40);
    }

    public long activation() {
        return i64(48);
    }

    public long highLimitPrice() {
        return i64(56);
    }

    public long lowLimitPrice() {
        return i64(64);
    }

    public long maxPriceVariation() {
        return i64(72);
    }

    /** v1/v2 only; undefined in v3. */
    public long tradingReferencePrice() {
        return opt64(layout.tradingReferencePrice, DbnConstants.UNDEF_PRICE);
    }

    /** Contract size, 1e-9 units (NQ: 20e9). */
    public long unitOfMeasureQty() {
        return i64(layout.unitOfMeasureQty);
    }

    public long minPriceIncrementAmount() {
        return i64(layout.minPriceIncrementAmount);
    }

    public long priceRatio() {
        return i64(layout.priceRatio);
    }

    /** Strike, 1e-9 units; undefined for non-options. */
    public long strikePrice() {
        return i64(layout.strikePrice);
    }

    /** Publisher's instrument id: u64 in v3, u32 (widened) before. */
    public long rawInstrumentId() {
        return layout.rawInstrumentIdIs64
                ? i64(layout.rawInstrumentId)
                : u32(layout.rawInstrumentId);
    }

    public long legPrice() {
        return opt64(layout.legPrice, DbnConstants.UNDEF_PRICE);
    }

    public long legDelta() {
        return opt64(layout.legDelta, DbnConstants.UNDEF_PRICE);
    }

    public int instAttribValue() {
        return i32(layout.instAttribValue);
    }

    /** Instrument id of the underlying future (u32, widened). */
    public long underlyingId() {
        return u32(layout.underlyingId);
    }

    public int marketDepthImplied() {
        return i32(layout.marketDepthImplied);
    }

    public int marketDepth() {
        return i32(layout.marketDepth);
    }

    public long marketSegmentId() {
        return u32(layout.marketSegmentId);
    }

    public long maxTradeVol() {
        return u32(layout.maxTradeVol);
    }

    public int minLotSize() {
        return i32(layout.minLotSize);
    }

    public int minLotSizeBlock() {
        return i32(layout.minLotSizeBlock);
    }

    public int minLotSizeRoundLot() {
        return i32(layout.minLotSizeRoundLot);
    }

    public long minTradeVol() {
        return u32(layout.minTradeVol);
    }

    public int contractMultiplier() {
        return i32(layout.contractMultiplier);
    }

    public int decayQuantity() {
        return i32(layout.decayQuantity);
    }

    public int originalContractSize() {
        return i32(layout.originalContractSize);
    }

    public long legInstrumentId() {
        return layout.legInstrumentId < 0 ? 0 : u32(layout.legInstrumentId);
    }

    public int legRatioPriceNumerator() {
        return legInt(4);
    }

    public int legRatioPriceDenominator() {
        return legInt(8);
    }

    public int legRatioQtyNumerator() {
        return legInt(12);
    }

    public int legRatioQtyDenominator() {
        return legInt(16);
    }

    public long legUnderlyingId() {
        return layout.legInstrumentId < 0 ? 0 : u32(layout.legInstrumentId + 20);
    }

    /** v1/v2 only; u16::MAX in v3. */
    public int tradingReferenceDate() {
        return layout.tradingReferenceDate < 0 ? 0xFFFF : u16(layout.tradingReferenceDate);
    }

    public int applId() {
        return buffer.getShort(offset + layout.applId, LE);
    }

    public int maturityYear() {
        return u16(layout.maturityYear);
    }

    public int decayStartDate() {
        return u16(layout.decayStartDate);
    }

    public int channelId() {
        return u16(layout.channelId);
    }

    public int legCount() {
        return layout.legCount < 0 ? 0 : u16(layout.legCount);
    }

    public int legIndex() {
        return layout.legIndex < 0 ? 0 : u16(layout.legIndex);
    }

    public String currency() {
        return text(layout.currency, 4);
    }

    public String settlCurrency() {
        return text(layout.settlCurrency, 4);
    }

    public String secsubtype() {
        return text(layout.secsubtype, 6);
    }

    /** Raw symbol, e.g. {@code NQZ4 C21000}. */
    public String rawSymbol() {
        return text(layout.rawSymbol, layout.rawSymbolWidth);
    }

    public String group() {
        return text(layout.group, 21);
    }

    public String exchange() {
        return text(layout.exchange, 5);
    }

    /** Product code or option root ({@code NQ}, {@code QN2}, {@code Q1A}, ...). */
    public String asset() {
        return text(layout.asset, layout.assetWidth);
    }

    public String cfi() {
        return text(layout.cfi, 7);
    }

    public String securityType() {
        return text(layout.securityType, 7);
    }

    public String unitOfMeasure() {
        return text(layout.unitOfMeasure, 31);
    }

    /** Underlying raw symbol, e.g. {@code NQZ4}. */
    public String underlying() {
        return text(layout.underlying, 21);
    }

    public String strikePriceCurrency() {
        return text(layout.strikePriceCurrency, 4);
    }

    public String legRawSymbol() {
        return layout.legRawSymbol < 0 ? "" : text(layout.legRawSymbol, 71);
    }

    /** C call, P put, F future, S future spread, T option spread, ... */
    public byte instrumentClass() {
        return buffer.getByte(offset + layout.instrumentClass);
    }

    public byte matchAlgorithm() {
        return buffer.getByte(offset + layout.matchAlgorithm);
    }

    /** v1/v2 only; 255 in v3. */
    public int mdSecurityTradingStatus() {
        return layout.mdSecurityTradingStatus < 0 ? 255 : u8(layout.mdSecurityTradingStatus);
    }

    public int mainFraction() {
        return u8(layout.mainFraction);
    }

    public int priceDisplayFormat() {
        return u8(layout.priceDisplayFormat());
    }

    /** v1/v2 only; 255 in v3. */
    public int settlPriceType() {
        return layout.settlPriceType < 0 ? 255 : u8(layout.settlPriceType);
    }

    public int subFraction() {
        return u8(layout.subFraction);
    }

    public int underlyingProduct() {
        return u8(layout.subFraction + 1);
    }

    /** A add, M modify, D delete. */
    public byte securityUpdateAction() {
        return buffer.getByte(offset + layout.subFraction + 2);
    }

    public int maturityMonth() {
        return u8(layout.subFraction + 3);
    }

    public int maturityDay() {
        return u8(layout.subFraction + 4);
    }

    public int maturityWeek() {
        return u8(layout.subFraction + 5);
    }

    /** Y or N. */
    public byte userDefinedInstrument() {
        return buffer.getByte(offset + layout.subFraction + 6);
    }

    public int contractMultiplierUnit() {
        return buffer.getByte(offset + layout.subFraction + 7);
    }

    public int flowScheduleType() {
        return buffer.getByte(offset + layout.subFraction + 8);
    }

    public int tickRule() {
        return u8(layout.subFraction + 9);
    }

    /** v3 only; 0 (no class) before. */
    public byte legInstrumentClass() {
        return layout.legInstrumentClass < 0
                ? 0
                : buffer.getByte(offset + layout.legInstrumentClass);
    }

    /** v3 only; 0 before. */
    public byte legSide() {
        return layout.legSide < 0 ? 0 : buffer.getByte(offset + layout.legSide);
    }

    private long opt64(int fieldOffset, long absent) {
        return fieldOffset < 0 ? absent : i64(fieldOffset);
    }

    private int legInt(int delta) {
        return layout.legInstrumentId < 0 ? 0 : i32(layout.legInstrumentId + delta);
    }
}
