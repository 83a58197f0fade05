package io.instflow.ingest;

import io.instflow.avro.DefinitionAction;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboAction;
import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.record.InstrumentDefDecoder;

/**
 * DBN records as the Avro values of the market-data topics (MBO records go through the faster
 * {@link MboEventEncoder}).
 */
public final class AvroRecords {

    private AvroRecords() {}

    public static MboAction action(byte action) {
        switch (action) {
            case 'A': return MboAction.ADD;
            case 'C': return MboAction.CANCEL;
            case 'M': return MboAction.MODIFY;
            case 'R': return MboAction.CLEAR;
            case 'T': return MboAction.TRADE;
            case 'F': return MboAction.FILL;
            case 'N': return MboAction.NONE;
            default: return MboAction.UNKNOWN;
        }
    }

    /** The byte DBN uses for an action. */
    public static byte actionByte(MboAction action) {
        switch (action) {
            case ADD: return 'A';
            case CANCEL: return 'C';
            case MODIFY: return 'M';
            case CLEAR: return 'R';
            case TRADE: return 'T';
            case FILL: return 'F';
            default: return 'N';
        }
    }

    public static InstrumentDefinition definition(InstrumentDefDecoder d, String dataset) {
        return InstrumentDefinition.newBuilder()
                .setDataset(dataset)
                .setPublisherId(d.publisherId())
                .setInstrumentId(d.instrumentId())
                .setTsEvent(d.tsEvent())
                .setTsRecv(d.tsRecv())
                .setRawSymbol(d.rawSymbol())
                .setInstrumentClass(d.instrumentClass() == 0 ? "" : String.valueOf((char) d.instrumentClass()))
                .setSecurityType(d.securityType())
                .setAsset(d.asset())
                .setGroup(d.group())
                .setExchange(d.exchange())
                .setCfi(d.cfi())
                .setCurrency(d.currency())
                .setUnderlying(d.underlying())
                .setUnderlyingId(d.underlyingId() == 0 || d.underlyingId() == 0xFFFF_FFFFL ? null : d.underlyingId())
                .setStrikePrice(price(d.strikePrice()))
                .setExpiration(time(d.expiration()))
                .setActivation(time(d.activation()))
                .setMinPriceIncrement(price(d.minPriceIncrement()))
                .setDisplayFactor(price(d.displayFactor()))
                .setUnitOfMeasureQty(price(d.unitOfMeasureQty()))
                .setContractMultiplier(d.contractMultiplier() == Integer.MAX_VALUE ? null : d.contractMultiplier())
                .setMaturityYear(d.maturityYear() == 0xFFFF ? null : d.maturityYear())
                .setMaturityMonth(byteOrNull(d.maturityMonth()))
                .setMaturityDay(byteOrNull(d.maturityDay()))
                .setMaturityWeek(byteOrNull(d.maturityWeek()))
                .setSecurityUpdateAction(definitionAction(d.securityUpdateAction()))
                .build();
    }

    private static DefinitionAction definitionAction(byte action) {
        switch (action) {
            case 'A': return DefinitionAction.ADD;
            case 'M': return DefinitionAction.MODIFY;
            case 'D': return DefinitionAction.DELETE;
            default: return DefinitionAction.UNKNOWN;
        }
    }

    private static Long price(long value) {
        return value == DbnConstants.UNDEF_PRICE ? null : value;
    }

    private static Long time(long value) {
        return value == DbnConstants.UNDEF_TIMESTAMP ? null : value;
    }

    private static Integer byteOrNull(int value) {
        return value == 255 || value == 0 ? null : value;
    }
}
