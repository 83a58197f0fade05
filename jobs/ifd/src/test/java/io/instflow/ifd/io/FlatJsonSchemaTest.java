package io.instflow.ifd.io;

import io.instflow.avro.Direction;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.avro.Tier;
import io.instflow.testing.JsonSchemas;
import io.instflow.testing.OutputRecords;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published schemas in {@code docs/schemas} are the ones {@link FlatJsonSchema} derives from
 * the Avro schemas, and what {@link FlatJson} writes conforms to them. After a change to an Avro
 * schema, {@code mvn -pl jobs/ifd test -Dtest=FlatJsonSchemaTest -Dinstflow.schemas.update=true}
 * writes the files anew.
 */
class FlatJsonSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "signal, io.instflow.avro.Signal, An institutional-flow signal",
        "rejection, io.instflow.avro.Rejection, A rejected candidate window",
        "pressure, io.instflow.avro.PressureMetrics, A pressure window",
        "strategy-orders, io.instflow.avro.StrategyOrder, A paper order of a strategy",
        "strategy-positions, io.instflow.avro.StrategyPosition, A strategy's position in a future",
        "strategy-pnl, io.instflow.avro.StrategyTrade, A closed round trip of a strategy"
    })
    void shouldPublishTheSchemaDerivedFromAvro(String name, String avroClass, String title)
            throws Exception {
        Schema avro = (Schema) Class.forName(avroClass).getField("SCHEMA$").get(null);
        ObjectNode derived =
                FlatJsonSchema.of(
                        avro, "https://instflow.io/schemas/" + name + ".schema.json", title);
        String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(derived) + "\n";
        Path file = JsonSchemas.file(name);
        if (Boolean.getBoolean("instflow.schemas.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
        assertThat(file)
                .as(
                        "docs/schemas/%s.schema.json is behind the Avro schema; rerun this test"
                                + " with -Dinstflow.schemas.update=true",
                        name)
                .hasContent(text);
    }

    private static List<String> names(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> published(String name) throws Exception {
        return names(
                (ObjectNode) MAPPER.readTree(JsonSchemas.file(name).toFile()).get("properties"));
    }

    @Test
    void shouldAcceptWhatFlatJsonWritesAndRefuseAnythingElse() throws Exception {
        Signal signal =
                OutputRecords.signal(
                        "s-1", "NQZ6", 21_000, 1_800_000_000L, Direction.LONG, Tier.HIGH);
        assertThat(JsonSchemas.violations("signal", FlatJson.of(signal))).isEmpty();
        Signal withoutBaseline = Signal.newBuilder(signal).setZScore(null).build();
        assertThat(JsonSchemas.violations("signal", FlatJson.of(withoutBaseline))).isEmpty();
        PressureMetrics metrics = signal.getMetrics();
        assertThat(JsonSchemas.violations("pressure", FlatJson.of(metrics))).isEmpty();
        Rejection rejection =
                Rejection.newBuilder()
                        .setRejectionId("r-1")
                        .setReason("market making 0.70 > 0.30")
                        .setEmittedAt(1L)
                        .setAlgorithm("v3.1")
                        .setProfile("production")
                        .setParameterVersion("p1")
                        .setMetrics(metrics)
                        .setFailedGates(List.of("market_making", "multi_leg:strangle"))
                        .setComponents(signal.getComponents())
                        .setMmProbability(0.7)
                        .setSpoofRatio(0.0)
                        .setCoordination(0.1)
                        .setFinalConfidence(0.4)
                        .setDataQuality(1.0)
                        .build();
        assertThat(JsonSchemas.violations("rejection", FlatJson.of(rejection))).isEmpty();
        Rejection early = Rejection.newBuilder(rejection).setComponents(null).build();
        assertThat(FlatJson.of(early).get("significance").isNull()).isTrue();
        assertThat(FlatJson.of(early).has("components")).isFalse();
        assertThat(JsonSchemas.violations("rejection", FlatJson.of(early))).isEmpty();

        assertThat(names(FlatJson.of(signal)))
                .as("FlatJson writes exactly the published fields")
                .containsExactlyInAnyOrderElementsOf(published("signal"));
        assertThat(names(FlatJson.of(rejection)))
                .containsExactlyInAnyOrderElementsOf(published("rejection"));
        ObjectNode renamed = FlatJson.of(signal);
        renamed.set("strike_price", renamed.remove("strike"));
        assertThat(JsonSchemas.violations("signal", renamed))
                .singleElement()
                .asString()
                .contains("strike");
        ObjectNode badTier = FlatJson.of(signal).put("tier", "LOW");
        assertThat(JsonSchemas.violations("signal", badTier))
                .singleElement()
                .asString()
                .contains("tier");
    }
}
