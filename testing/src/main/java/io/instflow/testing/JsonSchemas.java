package io.instflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The published JSON Schemas of the outputs ({@code docs/schemas}), for checking real outputs. */
public final class JsonSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The published schemas' ids start with this; references resolve to the files beside. */
    public static final String ID_PREFIX = "https://instflow.io/schemas/";

    private JsonSchemas() {}

    /** {@code docs/schemas/NAME.schema.json} of this repository. */
    public static Path file(String name) {
        return SharedTestData.repositoryRoot()
                .resolve("docs/schemas")
                .resolve(name + ".schema.json");
    }

    /** What is wrong with {@code value} by the schema {@code name}; empty when it conforms. */
    public static List<String> violations(String name, JsonNode value) {
        try {
            JsonSchema schema =
                    JsonSchemaFactory.getInstance(
                                    SpecVersion.VersionFlag.V202012,
                                    b ->
                                            b.schemaMappers(
                                                    m ->
                                                            m.mapPrefix(
                                                                    ID_PREFIX,
                                                                    file(name)
                                                                            .getParent()
                                                                            .toUri()
                                                                            .toString())))
                            .getSchema(MAPPER.readTree(file(name).toFile()));
            return schema.validate(value).stream().map(ValidationMessage::getMessage).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + file(name), e);
        }
    }

    /** {@link #violations} of one JSON text. */
    public static List<String> violations(String name, String json) {
        try {
            return violations(name, MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
