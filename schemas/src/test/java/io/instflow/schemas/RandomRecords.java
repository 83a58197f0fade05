package io.instflow.schemas;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Fills every field of a schema with seeded random values, for round-trip tests. */
final class RandomRecords {

    private RandomRecords() {}

    static Object value(Schema schema, Random random) {
        switch (schema.getType()) {
            case RECORD:
                {
                    GenericData.Record record = new GenericData.Record(schema);
                    for (Schema.Field field : schema.getFields()) {
                        record.put(field.name(), value(field.schema(), random));
                    }
                    return record;
                }
            case UNION:
                {
                    List<Schema> branches = schema.getTypes();
                    Schema nonNull =
                            branches.stream()
                                    .filter(s -> s.getType() != Schema.Type.NULL)
                                    .findFirst()
                                    .orElseThrow();
                    return random.nextInt(4) == 0 ? null : value(nonNull, random);
                }
            case ENUM:
                return new GenericData.EnumSymbol(
                        schema,
                        schema.getEnumSymbols()
                                .get(random.nextInt(schema.getEnumSymbols().size())));
            case ARRAY:
                {
                    List<Object> items = new ArrayList<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        items.add(value(schema.getElementType(), random));
                    }
                    return items;
                }
            case MAP:
                {
                    Map<String, Object> map = new HashMap<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        map.put("k" + random.nextInt(100), value(schema.getValueType(), random));
                    }
                    return map;
                }
            case STRING:
                return "s" + Long.toHexString(random.nextLong());
            case LONG:
                return random.nextLong();
            case INT:
                return random.nextInt();
            case DOUBLE:
                return random.nextDouble() * 1000;
            case FLOAT:
                return random.nextFloat();
            case BOOLEAN:
                return random.nextBoolean();
            case BYTES:
                byte[] bytes = new byte[random.nextInt(8)];
                random.nextBytes(bytes);
                return ByteBuffer.wrap(bytes);
            default:
                throw new IllegalArgumentException("unsupported schema type " + schema.getType());
        }
    }
}
