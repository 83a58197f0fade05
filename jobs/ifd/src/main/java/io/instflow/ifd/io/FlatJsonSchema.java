package io.instflow.ifd.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

import java.util.List;

/**
 * The JSON Schema (draft 2020-12) of the objects {@link FlatJson} writes for records of one Avro
 * schema, derived by the same rules: nested records inlined, {@code strike_price} as the number
 * {@code strike}, the window's ends with {@code _ns}, enums as their names, a nullable field as its
 * type or null, an array of records as an array of such objects. Every field is always present, and
 * no other field is.
 */
public final class FlatJsonSchema {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FlatJsonSchema() {}

    public static ObjectNode of(Schema record, String id, String title) {
        ObjectNode schema = MAPPER.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", id);
        schema.put("title", title);
        schema.put("description", record.getDoc());
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        inline(record, false, properties, required);
        return schema;
    }

    /** The fields of {@code record}; all nullable when the record itself may be absent. */
    private static void inline(
            Schema record, boolean absent, ObjectNode properties, ArrayNode required) {
        for (Schema.Field field : record.getFields()) {
            Schema type = nonNull(field.schema());
            boolean nullable = absent || type != field.schema();
            if (type.getType() == Schema.Type.RECORD) {
                inline(type, nullable, properties, required);
                continue;
            }
            String name = FlatJson.name(field.name());
            ObjectNode property = properties.putObject(name);
            if (field.doc() != null) {
                property.put("description", field.doc());
            }
            if (field.name().equals("strike_price")) {
                type(property, "number", nullable);
                property.put("description", "Strike in index points.");
            } else {
                describe(type, property, nullable);
            }
            required.add(name);
        }
    }

    private static void describe(Schema type, ObjectNode property, boolean nullable) {
        switch (type.getType()) {
            case LONG, INT -> type(property, "integer", nullable);
            case DOUBLE, FLOAT -> type(property, "number", nullable);
            case BOOLEAN -> type(property, "boolean", nullable);
            case ENUM -> {
                type(property, "string", nullable);
                ArrayNode symbols = property.putArray("enum");
                type.getEnumSymbols().forEach(symbols::add);
                if (nullable) {
                    symbols.addNull();
                }
            }
            case ARRAY -> {
                type(property, "array", nullable);
                ObjectNode items = property.putObject("items");
                if (type.getElementType().getType() == Schema.Type.RECORD) {
                    items.put("type", "object");
                    items.put("description", type.getElementType().getDoc());
                    inline(
                            type.getElementType(),
                            false,
                            items.putObject("properties"),
                            items.putArray("required"));
                    items.put("additionalProperties", false);
                } else {
                    items.put("type", "string");
                }
            }
            case MAP -> {
                type(property, "object", nullable);
                property.putObject("additionalProperties").put("type", "string");
            }
            default -> type(property, "string", nullable);
        }
    }

    private static void type(ObjectNode property, String type, boolean nullable) {
        if (nullable) {
            ArrayNode types = property.putArray("type");
            types.add(type);
            types.add("null");
        } else {
            property.put("type", type);
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> types =
                schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        return types.size() == 1 ? types.get(0) : schema;
    }
}
