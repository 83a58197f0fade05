package io.instflow.ifd.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

import java.util.Collection;
import java.util.Map;

/**
 * One output record as one flat JSON object for people and external systems: nested records (the
 * window's metrics, the components) are inlined, enums become their names, and the window and
 * strike fields carry their unit in the name ({@code window_start_ns}, {@code strike} in index
 * points). Arrays of records (a rejection's gates) become arrays of such objects. Field names
 * otherwise as in the Avro schema.
 */
public final class FlatJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> RENAMED =
            Map.of(
                    "window_start", "window_start_ns",
                    "window_end", "window_end_ns",
                    "strike_price", "strike");

    private FlatJson() {}

    public static ObjectNode of(IndexedRecord record) {
        ObjectNode node = MAPPER.createObjectNode();
        inline(record, node);
        return node;
    }

    public static String line(IndexedRecord record) {
        return of(record).toString();
    }

    /** The JSON name of an Avro field that is not inlined. */
    static String name(String avroField) {
        return RENAMED.getOrDefault(avroField, avroField);
    }

    private static void inline(IndexedRecord record, ObjectNode node) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            String name = name(field.name());
            if (value instanceof IndexedRecord nested) {
                inline(nested, node);
            } else if (value == null && nestedRecord(field.schema()) != null) {
                inlineNulls(nestedRecord(field.schema()), node);
            } else if (field.name().equals("strike_price") && value instanceof Long nanos) {
                node.put("strike", nanos / 1e9);
            } else {
                put(node, name, value);
            }
        }
    }

    /** An absent nested record still gives each of its fields, as null: one shape per type. */
    private static void inlineNulls(Schema record, ObjectNode node) {
        for (Schema.Field field : record.getFields()) {
            Schema nested = nestedRecord(field.schema());
            if (nested != null) {
                inlineNulls(nested, node);
            } else {
                node.putNull(name(field.name()));
            }
        }
    }

    /** The record type of a field that holds a record (possibly nullable), else null. */
    static Schema nestedRecord(Schema schema) {
        if (schema.getType() == Schema.Type.RECORD) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema t : schema.getTypes()) {
                if (t.getType() == Schema.Type.RECORD) {
                    return t;
                }
            }
        }
        return null;
    }

    private static void put(ObjectNode node, String name, Object value) {
        if (value == null) {
            node.putNull(name);
        } else if (value instanceof Long v) {
            node.put(name, v);
        } else if (value instanceof Integer v) {
            node.put(name, v);
        } else if (value instanceof Double v) {
            node.put(name, v);
        } else if (value instanceof Boolean v) {
            node.put(name, v);
        } else if (value instanceof Collection<?> items) {
            var array = node.putArray(name);
            items.forEach(
                    i -> {
                        if (i instanceof IndexedRecord item) {
                            array.add(of(item));
                        } else {
                            array.add(String.valueOf(i));
                        }
                    });
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode child = node.putObject(name);
            map.forEach((k, v) -> child.put(String.valueOf(k), String.valueOf(v)));
        } else if (value instanceof GenericContainer
                || value instanceof CharSequence
                || value instanceof Enum<?>) {
            node.put(name, value.toString());
        } else {
            node.put(name, String.valueOf(value));
        }
    }
}
