package io.instflow.dbn.json;

import io.instflow.dbn.record.InstrumentDefDecoder;

import java.io.IOException;

/** The body of an instrument definition in Databento's JSON field order (v3 semantics). */
final class DefinitionJson {

    private DefinitionJson() {}

    static void writeBody(DbnJsonWriter w, InstrumentDefDecoder r) throws IOException {
        w.text("raw_symbol", r.rawSymbol());
        w.chr("security_update_action", r.securityUpdateAction());
        w.chr("instrument_class", r.instrumentClass());
        w.px("min_price_increment", r.minPriceIncrement());
        w.px("display_factor", r.displayFactor());
        w.ts("expiration", r.expiration());
        w.ts("activation", r.activation());
        w.px("high_limit_price", r.highLimitPrice());
        w.px("low_limit_price", r.lowLimitPrice());
        w.px("max_price_variation", r.maxPriceVariation());
        w.px("unit_of_measure_qty", r.unitOfMeasureQty());
        w.px("min_price_increment_amount", r.minPriceIncrementAmount());
        w.px("price_ratio", r.priceRatio());
        w.px("strike_price", r.strikePrice());
        w.u64("raw_instrument_id", r.rawInstrumentId());
        w.px("leg_price", r.legPrice());
        w.px("leg_delta", r.legDelta());
        w.num("inst_attrib_value", r.instAttribValue());
        w.num("underlying_id", r.underlyingId());
        w.num("market_depth_implied", r.marketDepthImplied());
        w.num("market_depth", r.marketDepth());
        w.num("market_segment_id", r.marketSegmentId());
        w.num("max_trade_vol", r.maxTradeVol());
        w.num("min_lot_size", r.minLotSize());
        w.num("min_lot_size_block", r.minLotSizeBlock());
        w.num("min_lot_size_round_lot", r.minLotSizeRoundLot());
        w.num("min_trade_vol", r.minTradeVol());
        w.num("contract_multiplier", r.contractMultiplier());
        w.num("decay_quantity", r.decayQuantity());
        w.num("original_contract_size", r.originalContractSize());
        w.num("leg_instrument_id", r.legInstrumentId());
        w.num("leg_ratio_price_numerator", r.legRatioPriceNumerator());
        w.num("leg_ratio_price_denominator", r.legRatioPriceDenominator());
        w.num("leg_ratio_qty_numerator", r.legRatioQtyNumerator());
        w.num("leg_ratio_qty_denominator", r.legRatioQtyDenominator());
        w.num("leg_underlying_id", r.legUnderlyingId());
        w.num("appl_id", r.applId());
        w.num("maturity_year", r.maturityYear());
        w.num("decay_start_date", r.decayStartDate());
        w.num("channel_id", r.channelId());
        w.num("leg_count", r.legCount());
        w.num("leg_index", r.legIndex());
        w.text("currency", r.currency());
        w.text("settl_currency", r.settlCurrency());
        w.text("secsubtype", r.secsubtype());
        w.text("group", r.group());
        w.text("exchange", r.exchange());
        w.text("asset", r.asset());
        w.text("cfi", r.cfi());
        w.text("security_type", r.securityType());
        w.text("unit_of_measure", r.unitOfMeasure());
        w.text("underlying", r.underlying());
        w.text("strike_price_currency", r.strikePriceCurrency());
        w.text("leg_raw_symbol", r.legRawSymbol());
        w.chr("match_algorithm", r.matchAlgorithm());
        w.num("main_fraction", r.mainFraction());
        w.num("price_display_format", r.priceDisplayFormat());
        w.num("sub_fraction", r.subFraction());
        w.num("underlying_product", r.underlyingProduct());
        w.num("maturity_month", r.maturityMonth());
        w.num("maturity_day", r.maturityDay());
        w.num("maturity_week", r.maturityWeek());
        w.chr("user_defined_instrument", r.userDefinedInstrument());
        w.num("contract_multiplier_unit", r.contractMultiplierUnit());
        w.num("flow_schedule_type", r.flowScheduleType());
        w.num("tick_rule", r.tickRule());
        w.chr("leg_instrument_class", r.legInstrumentClass());
        w.chr("leg_side", r.legSide());
    }
}
