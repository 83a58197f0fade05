package io.instflow.cli;

import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.databento.HistoricalClient;
import io.instflow.databento.HistoricalRequest;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.ingest.MarketDataHandler;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Where a backfill's prior days come from, put on the backfill's own broker. */
interface BackfillSource {

    /** What is loaded, for the console. */
    String description();

    /**
     * Publishes the definitions and the market data to the MBO and definitions topics of {@code
     * bootstrap}.
     *
     * @return the records published to the MBO topic
     */
    long load(String bootstrap, int partitions);

    /** DBN files (MBO with their definitions), replayed as {@code run-pipeline} replays them. */
    static BackfillSource files(PipelineInput input) {
        return new BackfillSource() {
            @Override
            public String description() {
                return input.description();
            }

            @Override
            public long load(String bootstrap, int partitions) {
                return LocalRun.replay(bootstrap, input, partitions).mboRecords();
            }
        };
    }

    /**
     * Databento's historical API: the definitions, then the {@code trades} schema, whose records
     * carry the aggressor side at a fraction of MBO's cost, published as MBO T records. The windows
     * hold trades only (no quotes), which is all a baseline reads.
     */
    static BackfillSource historical(
            HistoricalClient client,
            String dataset,
            List<String> symbols,
            String stypeIn,
            String start,
            String end,
            PrintWriter console) {
        return new BackfillSource() {
            @Override
            public String description() {
                return String.format(
                        Locale.ROOT,
                        "Databento %s trades of %s from %s to %s",
                        dataset,
                        String.join(",", symbols),
                        start,
                        end == null ? "now" : end);
            }

            @Override
            public long load(String bootstrap, int partitions) {
                TopicAdmin.ensure(bootstrap, new Topics(""), partitions);
                try (KafkaPublisher publisher =
                        new KafkaPublisher(
                                bootstrap, new Topics(""), dataset, KafkaPublisher.BULK)) {
                    MarketDataHandler handler =
                            MarketDataHandler.tradesAsMbo(publisher, "databento-historical");
                    for (String schema : List.of("definition", "trades")) {
                        HistoricalClient.Result result =
                                client.getRange(
                                        new HistoricalRequest(
                                                dataset, schema, symbols, stypeIn, start, end,
                                                null),
                                        handler);
                        publisher.flush();
                        result.warnings()
                                .forEach(w -> console.println("backfill: Databento: " + w));
                        LocalRun.step(
                                console,
                                String.format(
                                        Locale.ROOT,
                                        "backfill: %,d %s records from Databento%s",
                                        result.records(),
                                        schema,
                                        result.cached() ? " (from the local cache)" : ""));
                    }
                    return publisher.trades();
                }
            }
        };
    }
}
