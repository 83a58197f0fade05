package io.instflow.cli;

import io.instflow.reports.PromotionRule;
import io.instflow.reports.ReportBuilder;
import io.instflow.reports.ReportData;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code instflow report}: the daily report (HTML, Markdown, PNG charts) and the JSON export. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description =
                "Write the daily report (report.html, report.md, charts/*.png) and export.json from a run's output "
                        + "directory or from the topics.")
final class ReportCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(
                names = "--from",
                paramLabel = "DIR",
                description = "Output directory of 'instflow pipeline' or 'instflow shadow'.")
        Path from;

        @Option(
                names = "--bootstrap",
                paramLabel = "HOST:PORT",
                description = "Read the topics of a deployment instead.")
        String bootstrap;
    }

    @Option(
            names = "--production-prefix",
            defaultValue = "",
            description = "With --bootstrap: production's topic prefix.")
    String productionPrefix;

    @Option(
            names = "--shadow-prefix",
            description = "With --bootstrap: the shadow's topic prefix (none: no shadow section).")
    String shadowPrefix;

    @Option(
            names = "--comparison-prefix",
            defaultValue = "",
            description = "With --bootstrap: the comparison job's prefix.")
    String comparisonPrefix;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Output directory (default: report inside --from, or ./report with --bootstrap).")
    Path out;

    @Option(
            names = "--day",
            paramLabel = "YYYY-MM-DD",
            description = "Trading day to report (default: the last one in the data).")
    LocalDate day;

    @Mixin PromotionOptions promotion;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReportData data;
        try {
            data =
                    source.from != null
                            ? ReportData.fromDirectory(source.from)
                            : ReportData.fromKafka(
                                    source.bootstrap,
                                    productionPrefix,
                                    shadowPrefix,
                                    comparisonPrefix);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (data.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "error: nothing to report: "
                                    + data.source()
                                    + " has no signals, pressure windows or bars (did the run"
                                    + " read any market data?)");
            return InstflowCommand.EXIT_BAD_INPUT;
        }
        Path dir =
                out != null
                        ? out
                        : source.from != null ? source.from.resolve("report") : Path.of("report");
        ReportBuilder.Result result = new ReportBuilder(data, promotion.rule()).write(dir, day);
        print(spec.commandLine().getOut(), result);
        return 0;
    }

    static void print(PrintWriter console, ReportBuilder.Result result) {
        console.printf(
                Locale.ROOT, "report for %s: %s%n", result.day(), result.html().toAbsolutePath());
        console.printf(
                Locale.ROOT,
                "markdown: %s; charts: %d in %s; export: %s%n",
                result.markdown().toAbsolutePath(),
                result.charts().size(),
                result.html().getParent().resolve("charts").toAbsolutePath(),
                result.export().toAbsolutePath());
        if (result.verdict() != null) {
            console.printf(
                    Locale.ROOT,
                    "promotion: %s. %s%n",
                    result.verdict().decision(),
                    result.verdict().explanation());
        }
        console.flush();
    }

    /** The promotion rule's settings, shared with {@code instflow shadow}. */
    static final class PromotionOptions {
        @Option(
                names = "--horizon",
                defaultValue = "15",
                description = "Promotion rule horizon, minutes (default: ${DEFAULT-VALUE}).")
        int horizon;

        @Option(
                names = "--min-signals",
                defaultValue = "20",
                description =
                        "Promotion rule: judged signals each side needs (default: ${DEFAULT-VALUE}).")
        int minSignals;

        @Option(
                names = "--min-hit-rate-gain",
                defaultValue = "0.05",
                description =
                        "Promotion rule: hit-rate gain the shadow needs (default: ${DEFAULT-VALUE}).")
        double minHitRateGain;

        PromotionRule rule() {
            return new PromotionRule(horizon, minSignals, minHitRateGain);
        }
    }
}
