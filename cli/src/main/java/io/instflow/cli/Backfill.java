package io.instflow.cli;

import io.instflow.contract.Topic;
import io.instflow.ifd.PipelineConfig;
import io.instflow.ifd.io.PressureBaselines;
import io.instflow.ifd.logic.BaselineSeed;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.localkafka.LocalKafka;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Baselines out of prior days (DBN files, or Databento's historical trades): they go through the
 * IFD job on a broker and an embedded Flink cluster of their own (the same books, windows and daily
 * aggregates a running job keeps), and every window the detector saw is folded into its contract's
 * and its pool's days.
 */
final class Backfill {

    private Backfill() {}

    /**
     * @param work a directory for the broker's data, removed by the caller
     * @param params the profile the job runs; its lookback prunes the days
     * @throws IllegalArgumentException when the source holds no MBO records or no option windows
     */
    static BaselineSeed build(
            Path work,
            BackfillSource source,
            PipelineConfig pipeline,
            DetectorParams params,
            int parallelism,
            PrintWriter console)
            throws Exception {
        LocalKafka kafka = LocalKafka.in(work.resolve("kafka"), 0);
        Thread stopOnExit = new Thread(kafka::stop, "instflow-backfill-broker");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            kafka.start(Duration.ofSeconds(120));
            String bootstrap = kafka.bootstrapServers();
            LocalRun.step(
                    console, "backfill: replaying " + source.description() + " into " + bootstrap);
            long records = source.load(bootstrap, parallelism);
            if (records == 0) {
                throw new IllegalArgumentException(
                        "backfill: "
                                + source.description()
                                + " holds no MBO or trade records; give the prior days' MBO files"
                                + " with their definitions, or a range and symbols that traded");
            }
            LocalRun.createTopics(bootstrap, "", Topic.Set.IFD, parallelism);
            LocalRun.step(
                    console,
                    String.format(
                            Locale.ROOT,
                            "backfill: running the IFD job over %,d MBO records (%d-minute"
                                    + " windows)",
                            records,
                            pipeline.windowMinutes()));
            LocalRun.runIfd(bootstrap, "", params, pipeline, parallelism);
            PipelineOutputs outputs = PipelineOutputs.read(bootstrap, "");
            BaselineSeed seed =
                    PressureBaselines.fold(
                            outputs.windows(),
                            outputs.bars1m(),
                            pipeline.windowMinutes(),
                            params.lookbackDays());
            if (seed.isEmpty()) {
                throw new IllegalArgumentException(
                        "backfill: no option windows came out of the input; it needs option trades"
                                + " or quotes with their instrument definitions");
            }
            return seed;
        } finally {
            kafka.stop();
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
    }
}
