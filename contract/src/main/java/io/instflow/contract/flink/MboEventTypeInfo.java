package io.instflow.contract.flink;

import io.instflow.avro.MboEvent;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** {@link MboEvent} as Flink moves it between tasks: with {@link MboEventSerializer}. */
public final class MboEventTypeInfo extends TypeInformation<MboEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public TypeSerializer<MboEvent> createSerializer(SerializerConfig config) {
        return new MboEventSerializer();
    }

    @Override
    public Class<MboEvent> getTypeClass() {
        return MboEvent.class;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String toString() {
        return "MboEvent (fixed-width fields)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MboEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return MboEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof MboEventTypeInfo;
    }
}
