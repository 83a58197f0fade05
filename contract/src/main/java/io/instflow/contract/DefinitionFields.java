package io.instflow.contract;

import io.instflow.avro.DefinitionAction;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.record.InstrumentDefDecoder;

/**
 * The DBN to Avro mapping of an instrument definition: DBN's sentinels (undefined price and time, 0
 * or the maximum for absent ids and calendar fields) become Avro nulls.
 */
public final class DefinitionFields {

    private DefinitionFields() {}

    /** The Avro value of the definition {@code d} points at. */
    public static InstrumentDefinition of(InstrumentDefDecoder d, String dataset) {
        return InstrumentDefinition.newBuilder()
                .setDataset(dataset)
                .setPublisherId(d.publisherId())
                .setInstrumentId(d.instrumentId())
                .setTsEvent(d.tsEvent())
                .setTsRecv(d.tsRecv())
                .setRawSymbol(d.rawSymbol())
                .setInstrumentClass(
                        d.instrumentClass() == 0 ? "" : String.valueOf((char) d.instrumentClass()))
                .setSecurityType(d.securityType())
                .setAsset(d.asset())
                .setGroup(d.group())
                .setExchange(d.exchange())
                .setCfi(d.cfi())
                .setCurrency(d.currency())
                .setUnderlying(d.underlying())
                .setUnderlyingId(
                        d.underlyingId() == 0 || d.underlyingId() == 0xFFFF_FFFFL
                                ? null
                                : d.underlyingId())
                .setStrikePrice(MboFields.price(d.strikePrice()))
                .setExpiration(time(d.expiration()))
                .setActivation(time(d.activation()))
                .setMinPriceIncrement(MboFields.price(d.minPriceIncrement()))
                .setDisplayFactor(MboFields.price(d.displayFactor()))
                .setUnitOfMeasureQty(MboFields.price(d.unitOfMeasureQty()))
                .setContractMultiplier(
                        d.contractMultiplier() == Integer.MAX_VALUE ? null : d.contractMultiplier())
                .setMaturityYear(d.maturityYear() == 0xFFFF ? null : d.maturityYear())
                .setMaturityMonth(byteOrNull(d.maturityMonth()))
                .setMaturityDay(byteOrNull(d.maturityDay()))
                .setMaturityWeek(byteOrNull(d.maturityWeek()))
                .setSecurityUpdateAction(action(d.securityUpdateAction()))
                .build();
    }

    /** The Avro update action of a DBN {@code security_update_action} character. */
    public static DefinitionAction action(byte action) {
        return switch (action) {
            case 'A' -> DefinitionAction.ADD;
            case 'M' -> DefinitionAction.MODIFY;
            case 'D' -> DefinitionAction.DELETE;
            default -> DefinitionAction.UNKNOWN;
        };
    }

    private static Long time(long value) {
        return value == DbnConstants.UNDEF_TIMESTAMP ? null : value;
    }

    private static Integer byteOrNull(int value) {
        return value == 255 || value == 0 ? null : value;
    }
}
