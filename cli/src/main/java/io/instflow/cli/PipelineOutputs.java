package io.instflow.cli;

import io.instflow.avro.Bar;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.ifd.io.FlatJson;

import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The job's output topics read back after a run, and written as JSON-lines files. */
record PipelineOutputs(
        List<Signal> signals,
        List<Rejection> rejections,
        List<PressureMetrics> windows,
        List<Bar> bars1m,
        List<Bar> bars5m) {

    /** The outputs of the IFD job writing to topics with {@code prefix}. */
    static PipelineOutputs read(String bootstrap, String prefix) {
        Topics topics = new Topics(prefix);
        return new PipelineOutputs(
                sorted(
                        read(bootstrap, topics.signals(), Signal.class),
                        s -> s.getMetrics().getWindowStart()),
                sorted(
                        read(bootstrap, topics.rejections(), Rejection.class),
                        r -> r.getMetrics().getWindowStart()),
                sorted(
                        read(bootstrap, topics.pressure(), PressureMetrics.class),
                        PressureMetrics::getWindowStart),
                sorted(read(bootstrap, topics.bars(1), Bar.class), Bar::getWindowStart),
                sorted(read(bootstrap, topics.bars(5), Bar.class), Bar::getWindowStart));
    }

    /** Real rejections; the diagnostic copies of accepted candidates (testing profile) left out. */
    List<Rejection> failed() {
        return rejections.stream().filter(r -> !r.getDiagnostic()).toList();
    }

    /**
     * The files of a run; with {@code diagnostics} (a testing-mode profile) also {@code
     * diagnostics.jsonl}, every candidate window with each gate's value against its threshold, and
     * {@code diagnostics-summary.txt}.
     */
    void write(Path dir, boolean diagnostics) throws IOException {
        Files.createDirectories(dir);
        lines(dir.resolve("signals.jsonl"), signals, FlatJson::line);
        lines(dir.resolve("rejections.jsonl"), failed(), FlatJson::line);
        if (diagnostics) {
            lines(dir.resolve("diagnostics.jsonl"), rejections, FlatJson::line);
            Files.write(
                    dir.resolve("diagnostics-summary.txt"), DiagnosticsSummary.lines(rejections));
        }
        lines(dir.resolve("bars-5m.jsonl"), bars5m, PipelineOutputs::barLine);
        lines(dir.resolve("pressure.jsonl"), windows, FlatJson::line);
    }

    /**
     * A bar in the shape of {@code instflow bars}, with the delta and the session's cumulative
     * delta.
     */
    static String barLine(Bar b) {
        return io.instflow.reports.ReportData.barRow(b).toString();
    }

    static <T> void lines(Path file, List<T> items, Function<T, String> line) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            for (T item : items) {
                w.write(line.apply(item));
                w.write('\n');
            }
        }
    }

    private static <T extends SpecificRecord> List<T> read(
            String bootstrap, String topic, Class<T> type) {
        return TopicScan.readAll(bootstrap, topic, type, java.time.Duration.ofMinutes(2));
    }

    private static <T> List<T> sorted(List<T> items, Function<T, Long> key) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing(key));
        return copy;
    }

    static void requireWritable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the output directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
