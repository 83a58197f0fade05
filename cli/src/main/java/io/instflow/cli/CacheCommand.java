package io.instflow.cli;

import io.instflow.databento.HistoricalCache;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code instflow cache list|prune}: the historical downloads kept on this machine. */
@Command(
        name = "cache",
        mixinStandardHelpOptions = true,
        description =
                "The local cache of Databento historical downloads (backfill, connect historical):"
                        + " a repeated request reads it instead of paying again.",
        subcommands = {CacheCommand.ListEntries.class, CacheCommand.Prune.class})
final class CacheCommand {

    /** The cache directory option every command that fetches history shares. */
    static final class Location {
        @Option(
                names = "--cache-dir",
                paramLabel = "DIR",
                description =
                        "Cache of historical downloads (default: $INSTFLOW_CACHE or ~/.instflow/cache).")
        Path dir;

        HistoricalCache cache() {
            return new HistoricalCache(dir != null ? dir : HistoricalCache.defaultRoot());
        }

        /** {@code client} reading and filling this cache, unless {@code bypass}. */
        io.instflow.databento.HistoricalClient client(
                io.instflow.databento.HistoricalClient client, boolean bypass) {
            return bypass ? client : client.withCache(cache());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List what is cached.")
    static final class ListEntries implements Callable<Integer> {
        @picocli.CommandLine.Mixin Location location;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            HistoricalCache cache = location.cache();
            List<HistoricalCache.Entry> entries = cache.list();
            long bytes = 0;
            for (HistoricalCache.Entry e : entries) {
                out.printf(
                        Locale.ROOT,
                        "%-10s %-10s %-30s %s .. %s  %,d records  %s  fetched %s%n",
                        e.dataset(),
                        e.schema(),
                        String.join(",", e.symbols()),
                        e.start(),
                        e.end(),
                        e.records(),
                        size(e.bytes()),
                        e.fetchedAt());
                bytes += e.bytes();
            }
            out.printf(
                    Locale.ROOT,
                    "%d entries, %s in %s%n",
                    entries.size(),
                    size(bytes),
                    cache.root());
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "prune",
            mixinStandardHelpOptions = true,
            description = "Delete entries fetched longer ago than --older-than, or all of them.")
    static final class Prune implements Callable<Integer> {
        @picocli.CommandLine.Mixin Location location;

        @Option(
                names = "--older-than",
                paramLabel = "DAYS",
                defaultValue = "30",
                description =
                        "Delete entries fetched more than DAYS ago (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--all", description = "Delete every entry.")
        boolean all;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            if (days < 0) {
                throw new IllegalArgumentException("--older-than must be 0 or more days");
            }
            HistoricalCache cache = location.cache();
            Instant cutoff = Instant.now().minus(Duration.ofDays(days));
            int deleted = 0;
            long freed = 0;
            for (HistoricalCache.Entry e : cache.list()) {
                if (all || e.fetchedAt().isBefore(cutoff)) {
                    freed += cache.delete(e);
                    deleted++;
                }
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "deleted %d entries, %s freed, in %s%n",
                            deleted,
                            size(freed),
                            cache.root());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    static String size(long bytes) {
        return bytes < 1 << 20
                ? String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
