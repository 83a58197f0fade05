package io.instflow.contract.flink;

import io.instflow.avro.MboEvent;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * The Flink type information of a contract record type, for code that takes the type as a parameter
 * (guarded sources, the dead-letter split) and for every stream of MBO records: those move with
 * their own serializer, which is why they must not get Avro's.
 */
public final class RecordTypes {

    private RecordTypes() {}

    /** MBO records with their own fixed-width serializer, every other record as Avro. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecordBase> TypeInformation<T> of(Class<T> type) {
        return type == MboEvent.class
                ? (TypeInformation<T>) new MboEventTypeInfo()
                : new AvroTypeInfo<>(type);
    }
}
