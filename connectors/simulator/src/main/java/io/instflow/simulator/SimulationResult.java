package io.instflow.simulator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** What a simulation wrote: the definitions, one MBO file per day, and the labelled episodes. */
public record SimulationResult(
        Path definitions, Path labels, List<Day> days, List<Episode> episodes) {

    public SimulationResult {
        days = List.copyOf(days);
        episodes = List.copyOf(episodes);
    }

    /** Total MBO records over all days. */
    public long records() {
        return days.stream().mapToLong(Day::records).sum();
    }

    /**
     * One trading day's MBO file.
     *
     * @param instruments instruments listed at some time of the day's session
     * @param peakRecordsPerSecond the most records of one second of event time
     */
    public record Day(
            LocalDate date,
            Path file,
            long records,
            long trades,
            int instruments,
            long peakRecordsPerSecond) {}
}
