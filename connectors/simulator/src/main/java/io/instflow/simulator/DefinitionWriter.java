package io.instflow.simulator;

import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.Metadata;
import io.instflow.dbn.SType;
import io.instflow.dbn.Schema;
import io.instflow.dbn.io.DbnWriter;
import io.instflow.dbn.record.InstrumentDefDecoder;
import io.instflow.dbn.record.InstrumentDefEncoder;

import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes the instrument definitions of the chain as a DBN v3 definition file. */
final class DefinitionWriter {

    static final long NQ_TICK = 250_000_000L;
    static final long NQ_MULTIPLIER = 20_000_000_000L;

    private DefinitionWriter() {}

    static void write(Path file, List<Contract> chain, long tsNs, long endNs, int date) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(InstrumentDefDecoder.LENGTH);
        InstrumentDefEncoder e = new InstrumentDefEncoder();
        try (DbnWriter writer = DbnWriter.create(file, true)) {
            writer.writeMetadata(MboStream.metadata(chain, Schema.DEFINITION, tsNs, endNs, date));
            for (Contract c : chain) {
                e.wrap(buffer, 0, false)
                        .publisherId(1)
                        .instrumentId(c.instrumentId())
                        .tsEvent(tsNs - 3_600_000_000_000L)
                        .tsRecv(tsNs - 3_599_999_000_000L)
                        .minPriceIncrement(c.isOption() ? DbnConstants.UNDEF_PRICE : NQ_TICK)
                        .displayFactor(1_000_000_000L)
                        .expiration(c.expiration())
                        .activation(
                                c.listedNs() == Long.MIN_VALUE
                                        ? c.expiration() - 120L * 86_400 * 1_000_000_000L
                                        : c.listedNs())
                        .highLimitPrice(DbnConstants.UNDEF_PRICE)
                        .lowLimitPrice(DbnConstants.UNDEF_PRICE)
                        .maxPriceVariation(DbnConstants.UNDEF_PRICE)
                        .unitOfMeasureQty(NQ_MULTIPLIER)
                        .minPriceIncrementAmount(
                                c.isOption() ? DbnConstants.UNDEF_PRICE : 5_000_000_000L)
                        .priceRatio(DbnConstants.UNDEF_PRICE)
                        .strikePrice(c.isOption() ? c.strike() : DbnConstants.UNDEF_PRICE)
                        .rawInstrumentId(c.instrumentId())
                        .legPrice(DbnConstants.UNDEF_PRICE)
                        .legDelta(DbnConstants.UNDEF_PRICE)
                        .underlyingId(c.underlyingId())
                        .marketDepth(10)
                        .marketSegmentId(c.isOption() ? 62 : 60)
                        .maxTradeVol(c.isOption() ? 2500 : 2000)
                        .minTradeVol(1)
                        .contractMultiplier(Integer.MAX_VALUE)
                        .decayQuantity(Integer.MAX_VALUE)
                        .originalContractSize(Integer.MAX_VALUE)
                        .applId(c.isOption() ? 312 : 310)
                        .maturityYear(c.maturityYear())
                        .decayStartDate(0xFFFF)
                        .currency("USD")
                        .rawSymbol(c.rawSymbol())
                        .group(c.isOption() ? "OQ" : "NQ")
                        .exchange("XCME")
                        .asset(c.root())
                        .cfi(c.isOption() ? (c.isCall() ? "OCAFPS" : "OPAFPS") : "FFIXSX")
                        .securityType(c.isOption() ? "OOF" : "FUT")
                        .unitOfMeasure("IPNT")
                        .underlying(c.underlying())
                        .strikePriceCurrency(c.isOption() ? "USD" : "")
                        .instrumentClass(c.instrumentClass())
                        .matchAlgorithm('F')
                        .mainFraction(255)
                        .priceDisplayFormat(255)
                        .subFraction(255)
                        .underlyingProduct(14)
                        .securityUpdateAction('A')
                        .maturityMonth(c.maturityMonth())
                        .maturityDay(c.maturityDay())
                        .maturityWeek(c.maturityWeek() == 0 ? 255 : c.maturityWeek())
                        .userDefinedInstrument('N')
                        .contractMultiplierUnit(127)
                        .flowScheduleType(127)
                        .tickRule(255);
                writer.writeRecord(buffer, 0, InstrumentDefDecoder.LENGTH);
            }
        }
    }

    /** Parent symbols of the chain, as a request by parent would name them. */
    static List<String> parents(List<Contract> chain) {
        List<String> parents = new ArrayList<>();
        parents.add("NQ.FUT");
        for (Contract c : chain) {
            String parent = c.root() + ".OPT";
            if (c.isOption() && !parents.contains(parent)) {
                parents.add(parent);
            }
        }
        return parents;
    }

    static Metadata.SymbolMapping mapping(Contract c, int date) {
        return new Metadata.SymbolMapping(
                c.rawSymbol(),
                List.of(
                        new Metadata.MappingInterval(
                                date, MboStream.nextDate(date), Long.toString(c.instrumentId()))));
    }

    static int stypeIn() {
        return SType.PARENT.id();
    }
}
