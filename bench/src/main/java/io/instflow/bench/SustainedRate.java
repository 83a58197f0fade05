package io.instflow.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A job's sustained rate from its subtasks' progress reports: the records all subtasks read between
 * the moments a quarter and three quarters of the reported records had been read, over the time
 * between. Start-up and JIT warm-up fall before it; the drain, in which a subtask with the larger
 * partition runs on alone with both cores, falls after it. Unlike a per-subtask median, it counts
 * no core twice when partitions are uneven.
 */
final class SustainedRate {

    /** {@code subtask} has read {@code records} more records by {@code tsNs} (processing time). */
    record Report(String subtask, long tsNs, long records) {}

    private SustainedRate() {}

    /**
     * Records per second over the middle half; NaN when the reports span no time there. Reports
     * with the same time count together, so their order does not change the result.
     */
    static double of(List<Report> reports) {
        List<Report> inTime = new ArrayList<>(reports);
        inTime.sort(Comparator.comparingLong(Report::tsNs));
        long total = inTime.stream().mapToLong(Report::records).sum();
        long read = 0;
        long firstNs = 0;
        long readAtFirst = -1;
        for (int i = 0; i < inTime.size(); i++) {
            Report r = inTime.get(i);
            read += r.records();
            if (i + 1 < inTime.size() && inTime.get(i + 1).tsNs() == r.tsNs()) {
                continue;
            }
            if (readAtFirst < 0 && read * 4 >= total) {
                firstNs = r.tsNs();
                readAtFirst = read;
            }
            if (read * 4 >= 3 * total) {
                long spanNs = r.tsNs() - firstNs;
                return spanNs <= 0 ? Double.NaN : (read - readAtFirst) / (spanNs / 1e9);
            }
        }
        return Double.NaN;
    }

    /** Millions of records each subtask reported, in subtask order, e.g. "4.0 M / 6.7 M". */
    static String bySubtask(List<Report> reports) {
        Map<String, Long> records = new TreeMap<>();
        reports.forEach(r -> records.merge(r.subtask(), r.records(), Long::sum));
        return records.values().stream()
                .map(n -> String.format(Locale.ROOT, "%.1f M", n / 1e6))
                .collect(Collectors.joining(" / "));
    }
}
