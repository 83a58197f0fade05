package io.instflow.dbn.record;

/**
 * Field offsets of the instrument definition record in one DBN version; -1 marks a field the
 * version does not have. Text widths differ between versions too.
 */
final class DefinitionLayout {

    static final int ABSENT = -1;

    static final DefinitionLayout V3 = v3();
    static final DefinitionLayout V2 = v2();
    static final DefinitionLayout V1 = v1();

    int version;
    int size;
    int tradingReferencePrice = ABSENT;
    int unitOfMeasureQty;
    int minPriceIncrementAmount;
    int priceRatio;
    int strikePrice;
    int rawInstrumentId;
    boolean rawInstrumentIdIs64;
    int legPrice = ABSENT;
    int legDelta = ABSENT;
    int instAttribValue;
    int underlyingId;
    int marketDepthImplied;
    int marketDepth;
    int marketSegmentId;
    int maxTradeVol;
    int minLotSize;
    int minLotSizeBlock;
    int minLotSizeRoundLot;
    int minTradeVol;
    int contractMultiplier;
    int decayQuantity;
    int originalContractSize;
    int legInstrumentId = ABSENT;
    int tradingReferenceDate = ABSENT;
    int applId;
    int maturityYear;
    int decayStartDate;
    int channelId;
    int legCount = ABSENT;
    int legIndex = ABSENT;
    int currency;
    int settlCurrency;
    int secsubtype;
    int rawSymbol;
    int rawSymbolWidth;
    int group;
    int exchange;
    int asset;
    int assetWidth;
    int cfi;
    int securityType;
    int unitOfMeasure;
    int underlying;
    int strikePriceCurrency;
    int legRawSymbol = ABSENT;
    int instrumentClass;
    int matchAlgorithm;
    int mdSecurityTradingStatus = ABSENT;
    int mainFraction;
    int settlPriceType = ABSENT;

    /** sub_fraction; the nine one-byte fields after it follow contiguously in every version. */
    int subFraction;

    int legInstrumentClass = ABSENT;
    int legSide = ABSENT;

    private DefinitionLayout() {}

    /** price_display_format directly follows main_fraction in every version. */
    int priceDisplayFormat() {
        return mainFraction + 1;
    }

    private static DefinitionLayout v3() {
        DefinitionLayout l = new DefinitionLayout();
        l.version = 3;
        l.size = 520;
        l.unitOfMeasureQty = 80;
        l.minPriceIncrementAmount = 88;
        l.priceRatio = 96;
        l.strikePrice = 104;
        l.rawInstrumentId = 112;
        l.rawInstrumentIdIs64 = true;
        l.legPrice = 120;
        l.legDelta = 128;
        l.instAttribValue = 136;
        l.underlyingId = 140;
        l.marketDepthImplied = 144;
        l.marketDepth = 148;
        l.marketSegmentId = 152;
        l.maxTradeVol = 156;
        l.minLotSize = 160;
        l.minLotSizeBlock = 164;
        l.minLotSizeRoundLot = 168;
        l.minTradeVol = 172;
        l.contractMultiplier = 176;
        l.decayQuantity = 180;
        l.originalContractSize = 184;
        l.legInstrumentId = 188;
        l.applId = 212;
        l.maturityYear = 214;
        l.decayStartDate = 216;
        l.channelId = 218;
        l.legCount = 220;
        l.legIndex = 222;
        l.currency = 224;
        l.settlCurrency = 228;
        l.secsubtype = 232;
        l.rawSymbol = 238;
        l.rawSymbolWidth = 71;
        l.group = 309;
        l.exchange = 330;
        l.asset = 335;
        l.assetWidth = 11;
        l.cfi = 346;
        l.securityType = 353;
        l.unitOfMeasure = 360;
        l.underlying = 391;
        l.strikePriceCurrency = 412;
        l.legRawSymbol = 416;
        l.instrumentClass = 487;
        l.matchAlgorithm = 488;
        l.mainFraction = 489;
        l.subFraction = 491;
        l.legInstrumentClass = 501;
        l.legSide = 502;
        return l;
    }

    private static DefinitionLayout v2() {
        DefinitionLayout l = new DefinitionLayout();
        l.version = 2;
        l.size = 400;
        l.tradingReferencePrice = 80;
        l.unitOfMeasureQty = 88;
        l.minPriceIncrementAmount = 96;
        l.priceRatio = 104;
        l.strikePrice = 112;
        l.rawInstrumentId = 128;
        l.instAttribValue = 120;
        l.underlyingId = 124;
        l.marketDepthImplied = 132;
        l.marketDepth = 136;
        l.marketSegmentId = 140;
        l.maxTradeVol = 144;
        l.minLotSize = 148;
        l.minLotSizeBlock = 152;
        l.minLotSizeRoundLot = 156;
        l.minTradeVol = 160;
        l.contractMultiplier = 164;
        l.decayQuantity = 168;
        l.originalContractSize = 172;
        l.tradingReferenceDate = 176;
        l.applId = 178;
        l.maturityYear = 180;
        l.decayStartDate = 182;
        l.channelId = 184;
        l.currency = 186;
        l.settlCurrency = 190;
        l.secsubtype = 194;
        l.rawSymbol = 200;
        l.rawSymbolWidth = 71;
        l.group = 271;
        l.exchange = 292;
        l.asset = 297;
        l.assetWidth = 7;
        l.cfi = 304;
        l.securityType = 311;
        l.unitOfMeasure = 318;
        l.underlying = 349;
        l.strikePriceCurrency = 370;
        l.instrumentClass = 374;
        l.matchAlgorithm = 375;
        l.mdSecurityTradingStatus = 376;
        l.mainFraction = 377;
        l.settlPriceType = 379;
        l.subFraction = 380;
        return l;
    }

    private static DefinitionLayout v1() {
        DefinitionLayout l = new DefinitionLayout();
        l.version = 1;
        l.size = 360;
        l.tradingReferencePrice = 80;
        l.unitOfMeasureQty = 88;
        l.minPriceIncrementAmount = 96;
        l.priceRatio = 104;
        l.strikePrice = 328;
        l.rawInstrumentId = 120;
        l.instAttribValue = 112;
        l.underlyingId = 116;
        l.marketDepthImplied = 124;
        l.marketDepth = 128;
        l.marketSegmentId = 132;
        l.maxTradeVol = 136;
        l.minLotSize = 140;
        l.minLotSizeBlock = 144;
        l.minLotSizeRoundLot = 148;
        l.minTradeVol = 152;
        l.contractMultiplier = 160;
        l.decayQuantity = 164;
        l.originalContractSize = 168;
        l.tradingReferenceDate = 176;
        l.applId = 178;
        l.maturityYear = 180;
        l.decayStartDate = 182;
        l.channelId = 184;
        l.currency = 186;
        l.settlCurrency = 190;
        l.secsubtype = 194;
        l.rawSymbol = 200;
        l.rawSymbolWidth = 22;
        l.group = 222;
        l.exchange = 243;
        l.asset = 248;
        l.assetWidth = 7;
        l.cfi = 255;
        l.securityType = 262;
        l.unitOfMeasure = 269;
        l.underlying = 300;
        l.strikePriceCurrency = 321;
        l.instrumentClass = 325;
        l.matchAlgorithm = 342;
        l.mdSecurityTradingStatus = 343;
        l.mainFraction = 344;
        l.settlPriceType = 346;
        l.subFraction = 347;
        return l;
    }
}
