package io.instflow.dbn;

import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.json.DbnJsonWriter;
import io.instflow.dbn.record.InstrumentDefDecoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.DirectBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test view of a decoded DBN file: every record as a flat map of field name to text, in the naming
 * of {@code expected-decoded.json} (header fields inline, {@code bid_px_00} for levels, {@code len}
 * and {@code length}), built from the raw JSON rendering plus the accessors of fields that only
 * v1/v2 definitions have.
 */
final class FlattenedRecords {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final Metadata metadata;
    final List<Map<String, String>> records;
    final long bytesConsumed;
    final long unknownRecords;

    private FlattenedRecords(
            Metadata metadata,
            List<Map<String, String>> records,
            long bytesConsumed,
            long unknown) {
        this.metadata = metadata;
        this.records = records;
        this.bytesConsumed = bytesConsumed;
        this.unknownRecords = unknown;
    }

    static FlattenedRecords read(Path file) {
        List<Map<String, String>> out = new ArrayList<>();
        try (DbnReader reader = DbnReader.open(file)) {
            Metadata metadata = reader.metadata();
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            boolean tsOut = metadata != null && metadata.tsOut();
            DbnJsonWriter writer = new DbnJsonWriter(json, false, tsOut, null);
            InstrumentDefDecoder definition = new InstrumentDefDecoder();
            RecordDispatcher dispatcher = new RecordDispatcher(writer);
            while (reader.nextRecord()) {
                json.reset();
                DirectBuffer buffer = reader.buffer();
                int offset = reader.recordOffset();
                dispatcher.dispatch(buffer, offset, reader.recordLength());
                writer.flush();
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("len", Integer.toString(reader.recordLength()));
                fields.put("length", Integer.toString(reader.recordLength() / 4));
                fields.put("rtype", Integer.toString(buffer.getByte(offset + 1) & 0xFF));
                if (json.size() > 0) {
                    flatten(parse(json.toString(StandardCharsets.UTF_8)), fields);
                }
                if ((buffer.getByte(offset + 1) & 0xFF) == RType.INSTRUMENT_DEF) {
                    definition.wrap(buffer, offset);
                    if (definition.layoutVersion() < 3) {
                        fields.put(
                                "trading_reference_price",
                                Long.toString(definition.tradingReferencePrice()));
                        fields.put(
                                "trading_reference_date",
                                Integer.toString(definition.tradingReferenceDate()));
                        fields.put(
                                "md_security_trading_status",
                                Integer.toString(definition.mdSecurityTradingStatus()));
                        fields.put(
                                "settl_price_type", Integer.toString(definition.settlPriceType()));
                    }
                }
                out.add(fields);
            }
            return new FlattenedRecords(
                    metadata, out, reader.bytesConsumed(), dispatcher.unknownRecords());
        }
    }

    private static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("bad JSON rendering: " + line, e);
        }
    }

    private static void flatten(JsonNode node, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("hd")) {
                flatten(field.getValue(), out);
            } else if (field.getKey().equals("levels")) {
                for (int i = 0; i < field.getValue().size(); i++) {
                    JsonNode level = field.getValue().get(i);
                    String suffix = String.format("_%02d", i);
                    for (Iterator<Map.Entry<String, JsonNode>> l = level.fields(); l.hasNext(); ) {
                        Map.Entry<String, JsonNode> f = l.next();
                        out.put(f.getKey() + suffix, f.getValue().asText());
                    }
                }
            } else {
                out.put(field.getKey(), field.getValue().asText());
            }
        }
    }
}
