package io.instflow.cli;

import io.instflow.barchart.chain.ChainNormaliser;
import io.instflow.barchart.chain.ChainParser;
import io.instflow.barchart.chain.ChainRow;
import io.instflow.barchart.chain.ChainSnapshot;
import io.instflow.barchart.chain.OptionQuote;
import io.instflow.barchart.chain.ParsedChain;
import io.instflow.barchart.chain.SchemaDriftException;
import io.instflow.barchart.client.BarchartException;
import io.instflow.barchart.client.BarchartFeed;
import io.instflow.barchart.client.BarchartFeeds;
import io.instflow.barchart.client.BarchartWebClient;
import io.instflow.barchart.symbols.SeriesCalendar;
import io.instflow.barchart.symbols.SeriesCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code instflow barchart}: the backup source's chains and series, by hand. */
@Command(
        name = "barchart",
        mixinStandardHelpOptions = true,
        description =
                "Barchart's delayed NQ options chains (the degraded backup source): fetch or normalise a chain, "
                        + "list the series and their codes.",
        subcommands = {BarchartCommand.Chain.class, BarchartCommand.Series.class})
final class BarchartCommand {

    static BarchartWebClient client(URI baseUrl) {
        return BarchartFeeds.website(baseUrl);
    }

    /** The feed an {@code --access} option names (see {@link BarchartFeeds#of}). */
    static BarchartFeed feed(String access, URI baseUrl) {
        try {
            return BarchartFeeds.of(access, baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--access must be website or ondemand, got " + access, e);
        }
    }

    @Command(
            name = "chain",
            mixinStandardHelpOptions = true,
            description =
                    "One series' chain (calls and puts of one expiry), normalised: one line per contract, then a"
                            + " summary line. Fetched from Barchart's website, or read from a saved response with --from-file.")
    static final class Chain implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Parameters(
                index = "0",
                paramLabel = "SERIES",
                arity = "0..1",
                description =
                        "Barchart series code, e.g. MQ4M25 (Friday week 4, June 2025) or NQU25 (quarterly).")
        String series;

        @Option(
                names = "--from-file",
                paramLabel = "FILE",
                description = "Normalise a saved quotes/get response.")
        Path file;

        @Option(
                names = "--json",
                description = "JSON lines: one per contract, then {\"summary\": {...}}.")
        boolean json;

        @Option(
                names = "--observed-at",
                paramLabel = "ISO-INSTANT",
                description =
                        "When the response was captured (default: now for a fetch; for a file, its newest trade"
                                + " time, so the delay reads 0).")
        Instant observedAt;

        @Option(
                names = "--access",
                defaultValue = "website",
                description =
                        "website (the public JSON endpoint) or ondemand (licensed; key in BARCHART_ONDEMAND_KEY)"
                                + " (default: ${DEFAULT-VALUE}).")
        String access;

        @Option(names = "--base-url", defaultValue = "https://www.barchart.com", hidden = true)
        URI baseUrl;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (file == null && series == null) {
                err.println("error: give a SERIES to fetch (e.g. MQ4M25) or --from-file FILE");
                return 1;
            }
            ParsedChain chain;
            Instant observed;
            try {
                if (file != null) {
                    chain = ChainParser.parse(Files.readAllBytes(file));
                    observed = observedAt != null ? observedAt : newestTrade(chain);
                } else {
                    SeriesCode.parse(series, LocalDate.now(ZoneOffset.UTC));
                    observed = Instant.now();
                    chain = feed(access, baseUrl).chain(series);
                    observed = observedAt != null ? observedAt : observed;
                }
            } catch (NoSuchFileException e) {
                err.println("error: no such file: " + file);
                return InstflowCommand.EXIT_IO;
            } catch (SchemaDriftException e) {
                err.println("error: " + (file != null ? file + ": " : "") + e.getMessage());
                return InstflowCommand.EXIT_BAD_INPUT;
            } catch (IllegalArgumentException | BarchartException e) {
                err.println("error: " + e.getMessage());
                return 1;
            }
            ChainSnapshot snapshot = ChainNormaliser.normalise(chain, series, observed);
            for (OptionQuote q : snapshot.quotes()) {
                out.println(json ? JSON.writeValueAsString(row(q)) : text(q));
            }
            Map<String, Object> summary = summary(snapshot);
            out.println(
                    json
                            ? JSON.writeValueAsString(Map.of("summary", summary))
                            : "summary " + summary);
            return 0;
        }

        private static Instant newestTrade(ParsedChain chain) {
            return chain.rows().stream()
                    .filter(ChainRow::tradeTimeIsClock)
                    .map(ChainRow::tradeTimeEpochSeconds)
                    .filter(java.util.Objects::nonNull)
                    .max(Long::compare)
                    .map(Instant::ofEpochSecond)
                    .orElse(Instant.now());
        }

        static Map<String, Object> row(OptionQuote q) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("strike", q.strike());
            m.put("option_type", q.right() == 'C' ? "CALL" : "PUT");
            m.put("expiration", q.expiration() == null ? null : q.expiration().toString());
            m.put("cme_root", q.cmeRoot());
            m.put("raw_symbol", q.rawSymbol());
            m.put("bid", q.bid());
            m.put("ask", q.ask());
            m.put("last", q.last());
            m.put("settlement", q.settlement());
            m.put("volume", q.volume());
            m.put("open_interest", q.openInterest());
            m.put("session_volume", q.sessionVolume());
            m.put(
                    "last_trade_time",
                    q.lastTradeTime() == null ? null : q.lastTradeTime().toString());
            m.put(
                    "last_trade_date",
                    q.lastTradeDate() == null ? null : q.lastTradeDate().toString());
            m.put("implied_volatility", q.impliedVolatility());
            m.put("delta", q.delta());
            m.put("barchart_symbol", q.barchartSymbol());
            return m;
        }

        private static String text(OptionQuote q) {
            return String.format(
                    java.util.Locale.ROOT,
                    "%-14s %-4s %10s bid %-9s ask %-9s last %-10s vol %-6s oi %s",
                    q.rawSymbol() == null ? q.barchartSymbol() : q.rawSymbol(),
                    q.right() == 'C' ? "CALL" : "PUT",
                    q.strike().toPlainString(),
                    orDash(q.bid()),
                    orDash(q.ask()),
                    q.last() == null ? "-" : q.last() + (q.settlement() ? "s" : ""),
                    orDash(q.volume()),
                    orDash(q.openInterest()));
        }

        private static String orDash(Object v) {
            return v == null ? "-" : v.toString();
        }

        static Map<String, Object> summary(ChainSnapshot s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("series", s.series());
            m.put("cme_root", s.cmeRoot());
            m.put("contracts", s.quotes().size());
            m.put("calls", s.calls());
            m.put("puts", s.puts());
            m.put(
                    "strikes",
                    s.quotes().stream()
                            .map(q -> q.strike().stripTrailingZeros())
                            .distinct()
                            .count());
            m.put("min_strike", s.minStrike());
            m.put("max_strike", s.maxStrike());
            m.put("with_bid", s.quotes().stream().filter(q -> q.bid() != null).count());
            m.put("with_ask", s.quotes().stream().filter(q -> q.ask() != null).count());
            m.put("two_sided", s.twoSidedQuotes());
            m.put("with_volume", s.quotes().stream().filter(q -> q.volume() != null).count());
            m.put(
                    "volume",
                    s.quotes().stream()
                            .map(OptionQuote::volume)
                            .filter(java.util.Objects::nonNull)
                            .mapToLong(Long::longValue)
                            .sum());
            m.put(
                    "with_open_interest",
                    s.quotes().stream().filter(q -> q.openInterest() != null).count());
            m.put(
                    "open_interest",
                    s.quotes().stream()
                            .map(OptionQuote::openInterest)
                            .filter(java.util.Objects::nonNull)
                            .mapToLong(Long::longValue)
                            .sum());
            m.put("settled", s.quotes().stream().filter(OptionQuote::settlement).count());
            m.put(
                    "traded_today",
                    s.quotes().stream().filter(q -> q.lastTradeTime() != null).count());
            m.put("observed_at", s.observedAt().toString());
            m.put("data_time", s.dataTime() == null ? null : s.dataTime().toString());
            m.put("delay_seconds", s.delay() == null ? null : s.delay().toSeconds());
            m.put("flags", s.flags().stream().map(Enum::name).toList());
            m.put("unmapped", s.unmapped());
            m.put("rejected", s.rejected());
            return m;
        }
    }

    @Command(
            name = "series",
            mixinStandardHelpOptions = true,
            description =
                    "The NQ option series expiring soon with their Barchart codes, CME roots and Databento"
                            + " symbol prefixes; --probe asks Barchart whether each exists.")
    static final class Series implements Callable<Integer> {

        @Parameters(
                index = "0",
                paramLabel = "ROOT",
                defaultValue = "NQ",
                description = "Only NQ is covered.")
        String root;

        @Option(
                names = "--days",
                defaultValue = "14",
                description = "Days ahead (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(
                names = "--from",
                paramLabel = "DATE",
                description = "First day (default: today, UTC).")
        LocalDate from;

        @Option(
                names = "--probe",
                description = "Confirm each code with a one-row request (polite: one at a time).")
        boolean probe;

        @Option(names = "--base-url", defaultValue = "https://www.barchart.com", hidden = true)
        URI baseUrl;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!"NQ".equalsIgnoreCase(root)) {
                spec.commandLine()
                        .getErr()
                        .println("error: only NQ options are covered, not " + root);
                return 1;
            }
            BarchartWebClient client = probe ? client(baseUrl) : null;
            out.printf(
                    Locale.ROOT,
                    "%-10s %-10s %-28s %-8s %-9s %s%n",
                    "expiry",
                    "barchart",
                    "series",
                    "cme root",
                    "databento",
                    probe ? "listed" : "");
            for (SeriesCode s :
                    SeriesCalendar.upcoming(
                            from != null ? from : LocalDate.now(ZoneOffset.UTC), days)) {
                String listed = "";
                if (client != null) {
                    try {
                        listed = client.probe(s.requestCode()) ? "yes" : "no (empty)";
                    } catch (BarchartException e) {
                        listed = e.kind().name();
                    }
                }
                out.printf(
                        Locale.ROOT,
                        "%-10s %-10s %-28s %-8s %-9s %s%n",
                        s.expiry(),
                        s.requestCode(),
                        s.series().describe(),
                        s.series().cmeRoot(),
                        s.databentoPrefix(),
                        listed);
                out.flush();
            }
            return 0;
        }
    }
}
