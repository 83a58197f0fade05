package io.instflow.contract.flink;

import io.instflow.avro.MboEvent;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/** How Flink carries each contract record between tasks: the one place that decides. */
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
