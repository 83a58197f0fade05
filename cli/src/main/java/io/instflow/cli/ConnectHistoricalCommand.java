package io.instflow.cli;

import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.ingest.KafkaPublisher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(
        name = "historical",
        mixinStandardHelpOptions = true,
        description =
                "Fetch timeseries.get_range from Databento's historical API into Kafka, decoded as it streams."
                        + " The key comes from DATABENTO_API_KEY or a .env file.")
final class ConnectHistoricalCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin ConnectCommand.KafkaOptions kafka;

    @picocli.CommandLine.Mixin ConnectCommand.DataOptions data;

    @Option(
            names = "--start",
            required = true,
            description = "Start: a date, an ISO datetime or ns since the epoch.")
    String start;

    @Option(names = "--end", description = "End (exclusive), same forms as --start.")
    String end;

    @Option(
            names = "--base-url",
            defaultValue = io.instflow.databento.HistoricalClient.DEFAULT_BASE_URL,
            description = "API base URL (default: ${DEFAULT-VALUE}).")
    String baseUrl;

    @picocli.CommandLine.Mixin CacheCommand.Location cacheLocation;

    @Option(
            names = "--no-cache",
            description = "Fetch from the historical API even when the cache holds the answer.")
    boolean noCache;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        data.validate();
        io.instflow.databento.HistoricalClient client =
                cacheLocation.client(
                        io.instflow.databento.HistoricalClient.create(
                                baseUrl, io.instflow.databento.ApiKey.require()),
                        noCache);
        Topics topics = new Topics(kafka.topicPrefix);
        TopicAdmin.ensure(kafka.bootstrap, topics, kafka.partitions);
        List<String> ordered = new java.util.ArrayList<>(data.schemas);
        ordered.sort(java.util.Comparator.comparing(s -> s.equals("definition") ? 0 : 1));
        try (KafkaPublisher publisher =
                new KafkaPublisher(kafka.bootstrap, topics, kafka.dataset, KafkaPublisher.BULK)) {
            for (String schema : ordered) {
                io.instflow.databento.HistoricalRequest request =
                        new io.instflow.databento.HistoricalRequest(
                                kafka.dataset,
                                schema,
                                data.symbols,
                                data.stypeIn,
                                start,
                                end,
                                null);
                io.instflow.databento.HistoricalClient.Result result =
                        client.getRange(
                                request,
                                new io.instflow.ingest.MarketDataHandler(
                                        publisher, false, "databento-historical"));
                publisher.flush();
                spec.commandLine()
                        .getErr()
                        .printf(
                                Locale.ROOT,
                                "%s: %,d records%s%n",
                                schema,
                                result.records(),
                                result.cached() ? " (from the cache)" : "");
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "published %,d MBO records, %,d definitions%n",
                            publisher.mboRecords(),
                            publisher.definitions());
        } catch (io.instflow.databento.HistoricalApiException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return InstflowCommand.EXIT_IO;
        }
        return 0;
    }
}
