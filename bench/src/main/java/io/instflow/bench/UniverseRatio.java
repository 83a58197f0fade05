package io.instflow.bench;

import io.instflow.contract.Topics;

import org.apache.flink.runtime.minicluster.MiniCluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The full universe's job rate against the small universe's, with both sessions on one broker and
 * the two universes' jobs alternating on each task manager, so a drift of the machine's speed falls
 * on both alike. A single pair of jobs on this 2-core machine moves by a quarter between identical
 * runs; the medians of several task managers' jobs do not.
 *
 * <p>Usage: {@code UniverseRatio run BOOTSTRAP PARALLELISM BACKEND JOBS FIRST RESULTS} runs {@code
 * JOBS} jobs on one new task manager, alternating between the sessions published under the topic
 * prefixes {@code small.} and {@code full.}, {@code FIRST} (small or full) first, and appends each
 * job's state backend, sustained rate and the broker's rate on its topic around it to {@code
 * RESULTS}. {@code UniverseRatio summary RESULTS} prints, per state backend, the medians of every
 * task manager's jobs: cold (each task manager's first job) and warm (its jobs from the {@value
 * #WARM_FROM}th), per universe, with full against small. {@code bench/universe-ratio.sh} runs both.
 */
public final class UniverseRatio {

    /** The universes, each published under its name as topic prefix. */
    private static final List<String> UNIVERSES = List.of("small", "full");

    /** A task manager's jobs count as warm from this one on: its JIT has compiled the hot path. */
    private static final int WARM_FROM = 4;

    /** One job of one task manager, as a line of the results file. */
    record Result(
            String backend,
            String taskManager,
            int job,
            String universe,
            double sustained,
            double reference) {

        static Result parse(String line) {
            String[] f = line.split("\t");
            if (f.length != 6) {
                throw new IllegalArgumentException("not a result line: '" + line + "'");
            }
            return new Result(
                    f[0],
                    f[1],
                    Integer.parseInt(f[2]),
                    f[3],
                    Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]));
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%s\t%s\t%d\t%s\t%.0f\t%.0f",
                    backend,
                    taskManager,
                    job,
                    universe,
                    sustained,
                    reference);
        }
    }

    private UniverseRatio() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 7 && args[0].equals("run")) {
            run(
                    args[1],
                    Integer.parseInt(args[2]),
                    args[3],
                    Integer.parseInt(args[4]),
                    args[5],
                    Path.of(args[6]));
        } else if (args.length == 2 && args[0].equals("summary")) {
            System.out.print(summary(read(Path.of(args[1]))));
        } else {
            throw new IllegalArgumentException(
                    "usage: UniverseRatio run BOOTSTRAP PARALLELISM BACKEND JOBS small|full RESULTS,"
                            + " or UniverseRatio summary RESULTS");
        }
    }

    private static void run(
            String bootstrap, int parallelism, String backend, int jobs, String first, Path results)
            throws Exception {
        if (!UNIVERSES.contains(first)) {
            throw new IllegalArgumentException(
                    "unknown universe '" + first + "': give small or full");
        }
        if (!backend.matches("hashmap|rocksdb")) {
            throw new IllegalArgumentException(
                    "unknown backend '" + backend + "': give hashmap or rocksdb");
        }
        String taskManagerId = Long.toString(System.currentTimeMillis(), 36);
        Map<String, Long> records = new HashMap<>();
        Map<String, BrokerReadRate> brokers = new HashMap<>();
        Map<String, Double> lastReference = new HashMap<>();
        for (String universe : UNIVERSES) {
            String topic = new Topics(universe).mbo();
            long published = JobRuns.recordsIn(bootstrap, topic);
            if (published == 0) {
                throw new IllegalArgumentException(
                        "no MBO records in "
                                + topic
                                + " on "
                                + bootstrap
                                + ": publish the "
                                + universe
                                + " universe's session there first, as"
                                + " bench/universe-ratio.sh does");
            }
            records.put(universe, published);
            BrokerReadRate broker =
                    new BrokerReadRate(
                            bootstrap,
                            topic,
                            Math.min(records.get(universe), JobRuns.PERF_RECORDS),
                            taskManagerId + "-" + universe);
            // the broker's first read of a topic is slower than the rest: not a reference
            broker.measure();
            brokers.put(universe, broker);
            lastReference.put(universe, JobRuns.referenceRead(broker));
        }
        Path work = Files.createTempDirectory("instflow-universe-ratio-");
        try (MiniCluster taskManager = JobRuns.taskManager(parallelism)) {
            int firstIndex = UNIVERSES.indexOf(first);
            for (int job = 1; job <= jobs; job++) {
                String universe = UNIVERSES.get((firstIndex + job - 1) % UNIVERSES.size());
                String run = taskManagerId + "-" + universe + "-" + job;
                System.out.printf("%s universe: ", universe);
                double sustained =
                        JobRuns.run(
                                taskManager,
                                job,
                                bootstrap,
                                backend,
                                "production",
                                universe + ".",
                                run + ".",
                                parallelism,
                                records.get(universe),
                                work.resolve("checkpoints-" + run));
                double after = JobRuns.referenceRead(brokers.get(universe));
                double around = (lastReference.get(universe) + after) / 2;
                lastReference.put(universe, after);
                Files.writeString(
                        results,
                        new Result(backend, taskManagerId, job, universe, sustained, around).line()
                                + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } finally {
            BenchDirs.delete(work);
        }
    }

    private static List<Result> read(Path results) throws IOException {
        return Files.readAllLines(results, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .map(Result::parse)
                .toList();
    }

    /**
     * Per state backend, cold and warm medians per universe and full against small, as printed
     * lines.
     */
    static String summary(List<Result> results) {
        StringBuilder out = new StringBuilder();
        Map<String, List<Result>> byBackend =
                results.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Result::backend, TreeMap::new, Collectors.toList()));
        byBackend.forEach(
                (backend, jobs) -> {
                    out.append(
                            String.format(
                                    Locale.ROOT,
                                    "%s: %d jobs on %d task manager(s); sustained MBO records/s,"
                                            + " each job's share of ConsumerPerformance on its"
                                            + " topic around it in brackets%n",
                                    backend,
                                    jobs.size(),
                                    jobs.stream().map(Result::taskManager).distinct().count()));
                    section(out, "cold (job 1 of each task manager)", jobs, r -> r.job() == 1);
                    section(
                            out,
                            "warm (jobs " + WARM_FROM + " and later)",
                            jobs,
                            r -> r.job() >= WARM_FROM);
                });
        return out.toString();
    }

    private static void section(
            StringBuilder out, String title, List<Result> results, Predicate<Result> chosen) {
        out.append(title).append(':').append(System.lineSeparator());
        Map<String, Double> medians = new HashMap<>();
        for (String universe : UNIVERSES) {
            List<Result> jobs =
                    results.stream()
                            .filter(chosen)
                            .filter(r -> r.universe().equals(universe))
                            .toList();
            if (jobs.isEmpty()) {
                out.append(String.format(Locale.ROOT, "  %-5s no jobs%n", universe));
                continue;
            }
            double median = Percentile.median(jobs.stream().map(Result::sustained).toList());
            double share =
                    Percentile.median(
                            jobs.stream().map(r -> r.sustained() / r.reference()).toList());
            medians.put(universe, median);
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  %-5s %s: median %,.0f (%.2f)%n",
                            universe,
                            jobs.stream()
                                    .map(
                                            r ->
                                                    String.format(
                                                            Locale.ROOT,
                                                            "%,.0f (%.2f)",
                                                            r.sustained(),
                                                            r.sustained() / r.reference()))
                                    .collect(Collectors.joining(", ")),
                            median,
                            share));
        }
        if (medians.size() == UNIVERSES.size()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  full / small: %.2f (of the medians)%n",
                            medians.get("full") / medians.get("small")));
        }
    }
}
