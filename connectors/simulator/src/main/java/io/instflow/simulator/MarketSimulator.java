package io.instflow.simulator;

import io.instflow.dbn.Schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Simulates GLBX.MDP3 sessions of NQ futures and options and writes them as DBN: the chain's
 * definitions, one MBO file per trading day (snapshot first, then market-maker quoting, background
 * trades and, after the warm-up days, the injected episodes) and {@code labels.json} with the
 * ground truth. Time advances in 100 ms steps; everything random comes from one seeded generator,
 * so the same configuration gives the same bytes. Only listed contracts are quoted and traded. With
 * a mix that {@linkplain SimulatorConfig.Mix#listsDuringRun() lists during the run}, background
 * activity is U-shaped over the session (busiest at the open and the close), higher close to
 * expiry, and self-exciting: each background trade raises its contract's rate for a while (a Hawkes
 * process), so trades come in clusters as they do in real markets.
 */
public final class MarketSimulator {

    static final long STEP_NS = 100_000_000L;
    private static final double STEP_SECONDS = STEP_NS / 1e9;
    private static final long FUTURE_TICK = DefinitionWriter.NQ_TICK;
    private static final double FUTURE_VOL_POINTS_PER_SQRT_SECOND = 0.9;
    private static final double SECOND_FUTURE_PREMIUM = 160.0;
    private static final long MINUTE = 60_000_000_000L;
    private static final double DAY_NS = 86_400e9;

    /** Expected trades each background trade triggers (the Hawkes branching ratio). */
    private static final double CLUSTERING = 0.5;

    /** How long a trade's excitation lasts (the Hawkes kernel's time constant), seconds. */
    private static final double CLUSTER_SECONDS = 15;

    private static final double CLUSTER_DECAY = Math.exp(-STEP_SECONDS / CLUSTER_SECONDS);

    /** In the full universe, quote refreshes an option has for each trade it has. */
    private static final double REFRESHES_PER_TRADE = 40;

    /** In the full universe, the refreshes per second every listed option has at least. */
    private static final double REFRESH_FLOOR = 1 / 300.0;

    /** The full universe's background trades and quote refreshes, recomputed each minute. */
    private final BackgroundRates tradeRates = new BackgroundRates();

    private final BackgroundRates refreshRates = new BackgroundRates();
    private long ratesUntilNs = Long.MIN_VALUE;

    /**
     * In the full universe, the least time between two repricings of each option (ns): 10 s at the
     * money, growing with the distance from it to 7 to 13 minutes 15 % away, as market makers
     * requote deep options less often; all 0 in the small universe.
     */
    private final long[] repriceIntervalNs;

    private final SimulatorConfig config;
    private final SplittableRandom random;
    private final List<Contract> chain;
    private final Exchange exchange;
    private double future = ChainBuilder.START_PRICE;
    private final List<DriftWindow> drifts = new ArrayList<>();

    /** Per contract: the extra background trade rate (per second) its recent trades excite. */
    private final double[] excitation;

    private long sessionStartNs;

    /** A linear move of the futures, {@code pointsPerStep} added at each step in [start, end). */
    private record DriftWindow(long start, long end, double pointsPerStep) {}

    public MarketSimulator(SimulatorConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.chain = ChainBuilder.build(config);
        this.exchange = new Exchange(chain, random, 5, 3);
        this.excitation = new double[chain.size()];
        this.repriceIntervalNs = new long[chain.size()];
        if (config.universe() == SimulatorConfig.Universe.FULL) {
            for (Contract c : chain) {
                if (c.isOption()) {
                    double moneyness =
                            Math.abs(Math.log(c.strikePoints() / ChainBuilder.START_PRICE));
                    repriceIntervalNs[c.index()] = (long) (10e9 * Math.exp(moneyness * 27));
                }
            }
        }
    }

    public List<Contract> chain() {
        return chain;
    }

    /** Runs the whole simulation; {@code progress} receives a line per finished day. */
    public SimulationResult run(Consumer<String> progress) {
        try {
            Files.createDirectories(config.out());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create output directory " + config.out() + ": " + e.getMessage(), e);
        }
        List<LocalDate> days = ChainBuilder.tradingDays(config);
        long firstStart = sessionStart(days.get(0));
        Path definitions = config.out().resolve("definitions.dbn.zst");
        DefinitionWriter.write(
                definitions,
                chain,
                firstStart,
                sessionEnd(days.get(days.size() - 1)),
                date(days.get(0)));
        List<Episode> labels = new ArrayList<>();
        List<SimulationResult.Day> written = new ArrayList<>();
        long sequence = 1_000;
        for (int d = 0; d < days.size(); d++) {
            LocalDate day = days.get(d);
            Path file =
                    config.out().resolve(String.format(Locale.ROOT, "mbo-%d.dbn.zst", date(day)));
            long start = sessionStart(day);
            try (MboStream stream =
                    new MboStream(
                            file,
                            MboStream.metadata(
                                    chain, Schema.MBO, start, sessionEnd(day), date(day)),
                            random,
                            sequence)) {
                exchange.stream(stream);
                List<EpisodePlan> plans =
                        d < config.warmupDays()
                                ? List.of()
                                : EpisodePlanner.plan(
                                        config,
                                        chain,
                                        d - config.warmupDays(),
                                        start,
                                        future,
                                        random);
                runSession(start, plans);
                for (EpisodePlan plan : plans) {
                    labels.add(label(plan, day, sessionEnd(day)));
                }
                sequence = stream.sequence() + 1_000;
                int listed = listedDuring(start, sessionEnd(day));
                written.add(
                        new SimulationResult.Day(
                                day,
                                file,
                                stream.records(),
                                stream.trades(),
                                listed,
                                stream.peakRecordsPerSecond()));
                progress.accept(
                        String.format(
                                Locale.ROOT,
                                "%s  %,d instruments, %,d records (peak %,d/s), %,d trades, %d"
                                        + " episodes -> %s",
                                day,
                                listed,
                                stream.records(),
                                stream.peakRecordsPerSecond(),
                                stream.trades(),
                                plans.size(),
                                file.getFileName()));
            }
            exchange.closeSession();
            drifts.clear();
            future += random.nextGaussian() * 20;
        }
        Path labelsFile = config.out().resolve("labels.json");
        writeLabels(labelsFile, labels);
        return new SimulationResult(definitions, labelsFile, written, labels);
    }

    private void runSession(long start, List<EpisodePlan> plans) {
        long steps = (long) config.minutes() * MINUTE / STEP_NS;
        sessionStartNs = start;
        java.util.Arrays.fill(excitation, 0);
        quoteAll(start, true);
        for (Contract c : chain) {
            if (c.listedAt(start)) {
                exchange.snapshot(c.index());
            }
        }
        for (long s = 1; s < steps; s++) {
            long now = start + s * STEP_NS;
            moveFuture(now);
            quoteAll(now, false);
            background(now);
            for (EpisodePlan plan : plans) {
                if (now >= plan.startNs && now <= plan.endNs) {
                    act(plan, now);
                }
                if (plan.drift && plan.driftWindow == null && now > plan.endNs) {
                    startDrift(plan, now);
                }
            }
            exchange.expireSpoofs(now);
        }
    }

    /** Instruments listed at some time of [start, end). */
    private int listedDuring(long start, long end) {
        int n = 0;
        for (Contract c : chain) {
            if (c.listedNs() < end && c.expiration() > start) {
                n++;
            }
        }
        return n;
    }

    private void moveFuture(long now) {
        double move =
                random.nextGaussian()
                        * FUTURE_VOL_POINTS_PER_SQRT_SECOND
                        * config.profile().volatility
                        * Math.sqrt(STEP_SECONDS);
        if (config.session() == SimulatorConfig.Session.GLOBEX) {
            // the future moves less in the quiet hours: variance follows activity
            move *= Math.sqrt(GlobexActivity.at(now));
        }
        for (DriftWindow drift : drifts) {
            if (now >= drift.start() && now < drift.end()) {
                move += drift.pointsPerStep();
            }
        }
        future += move;
    }

    /**
     * Requotes what moved. An option is repriced only once the future has moved its requote
     * threshold since the last quote: its fair value moves by at most about the future's move.
     */
    private void quoteAll(long now, boolean opening) {
        for (Contract c : chain) {
            if (!c.listedAt(now)) {
                continue;
            }
            QuoteLadder ladder = exchange.ladder(c.index());
            if (!c.isOption()) {
                exchange.quote(c.index(), now, underlyingPrice(c), FUTURE_TICK, 1);
                continue;
            }
            boolean holes = ladder.hasHoles();
            if (!opening
                    && !holes
                    && (Math.abs(future - ladder.quotedFuture)
                                    < 2 * OptionPricer.tick(ladder.quotedFair)
                            || now - ladder.repricedAtNs < repriceIntervalNs[c.index()])) {
                continue;
            }
            double fair = fairValue(c, now);
            double tick = OptionPricer.tick(fair);
            if (opening || holes || Math.abs(fair - ladder.quotedFair) >= 2 * tick) {
                exchange.quote(c.index(), now, fair, Math.round(tick * 1e9), fair < 5 ? 1 : 2);
                ladder.quotedFuture = future;
                ladder.repricedAtNs = now;
            }
        }
    }

    double fairValue(Contract c, long now) {
        double years = (c.expiration() - now) / 1e9 / OptionPricer.YEAR_SECONDS;
        double underlying = underlyingPrice(c);
        double vol =
                OptionPricer.volatility(underlying, c.strikePoints(), config.profile().volatility);
        return OptionPricer.price(c.isCall(), underlying, c.strikePoints(), years, vol);
    }

    /** The price of a future, or of an option's future: the front plus a premium a quarter. */
    private double underlyingPrice(Contract c) {
        return future + (c.isOption() ? c.underlyingIndex() : c.index()) * SECOND_FUTURE_PREMIUM;
    }

    private void background(long now) {
        if (config.universe() == SimulatorConfig.Universe.FULL) {
            fullBackground(now);
            return;
        }
        if (config.mix().listsDuringRun()) {
            clusteredBackground(now);
            return;
        }
        double activity =
                config.profile().activity
                        * (config.session() == SimulatorConfig.Session.GLOBEX
                                ? GlobexActivity.at(now)
                                : 1);
        for (Contract c : chain) {
            double rate = baseRate(c, activity);
            if (random.nextDouble() < rate * STEP_SECONDS) {
                exchange.aggress(
                        c.index(), now, random.nextBoolean(), 1 + geometric(c.isOption() ? 3 : 2));
            }
        }
    }

    /**
     * Background trades per second of a contract at flat activity: options fall off with distance
     * from the money, the second future trades less than the front.
     */
    private double baseRate(Contract c, double activity) {
        return c.isOption()
                ? 0.004 * activity * Math.exp(-Math.abs(Math.log(c.strikePoints() / future)) * 150)
                : 1.2 * activity / (1 + c.index() * 4);
    }

    /**
     * The rolling universe's background: the base rate shaped by the time of day (U-shaped, mean 1)
     * and by days to expiry, scaled by 1 - {@link #CLUSTERING} so that the clusters the trades
     * excite bring the mean back to it.
     */
    private void clusteredBackground(long now) {
        double activity = config.profile().activity;
        double timeOfDay = timeOfDay(now);
        for (Contract c : chain) {
            if (!c.listedAt(now)) {
                continue;
            }
            int i = c.index();
            double expiry =
                    c.isOption() ? 1 + 2 * Math.exp(-(c.expiration() - now) / DAY_NS / 1.5) : 1;
            double rate =
                    baseRate(c, activity) * timeOfDay * expiry * (1 - CLUSTERING) + excitation[i];
            excitation[i] *= CLUSTER_DECAY;
            if (random.nextDouble() < rate * STEP_SECONDS) {
                exchange.aggress(i, now, random.nextBoolean(), 1 + geometric(c.isOption() ? 3 : 2));
                excitation[i] += CLUSTERING / CLUSTER_SECONDS;
            }
        }
    }

    /**
     * The time-of-day multiple of background activity: Globex's hours, or regular hours U-shaped
     * (busiest at the open and the close, mean 1).
     */
    private double timeOfDay(long now) {
        if (config.session() == SimulatorConfig.Session.GLOBEX) {
            return GlobexActivity.at(now);
        }
        double x = (double) (now - sessionStartNs) / (config.minutes() * MINUTE);
        return 0.6 + 1.2 * (2 * x - 1) * (2 * x - 1);
    }

    /**
     * The full universe's background: trades at the clustered background's base rates (without the
     * clustering), and quote refreshes, a market maker shading an option's quote by a tick, at a
     * rate that follows its trading and never falls below {@link #REFRESH_FLOOR}, so the quote
     * traffic, like a real day's, is most of the records and thickest near the money.
     */
    private void fullBackground(long now) {
        if (now >= ratesUntilNs) {
            double timeOfDay = timeOfDay(now);
            double activity = config.profile().activity * timeOfDay;
            tradeRates.rebuild(chain, now, c -> fullTradeRate(c, now, activity));
            refreshRates.rebuild(
                    chain,
                    now,
                    c ->
                            c.isOption()
                                    ? REFRESHES_PER_TRADE * fullTradeRate(c, now, activity)
                                            + REFRESH_FLOOR * timeOfDay
                                    : 0);
            ratesUntilNs = now + MINUTE;
        }
        for (int i : tradeRates.sample(random, STEP_SECONDS)) {
            Contract c = chain.get(i);
            if (c.listedAt(now)) {
                exchange.aggress(i, now, random.nextBoolean(), 1 + geometric(c.isOption() ? 3 : 2));
            }
        }
        for (int i : refreshRates.sample(random, STEP_SECONDS)) {
            Contract c = chain.get(i);
            if (c.listedAt(now)) {
                double fair = fairValue(c, now);
                double tick = OptionPricer.tick(fair);
                double shaded = Math.max(0, fair + (random.nextBoolean() ? tick : -tick));
                exchange.quote(i, now, shaded, Math.round(tick * 1e9), fair < 5 ? 1 : 2);
                exchange.ladder(i).quotedFuture = future;
            }
        }
    }

    private double fullTradeRate(Contract c, long now, double activity) {
        if (!c.isOption()) {
            return 1.2 * activity / (1 + c.index() * 4);
        }
        double moneyness = Math.abs(Math.log(c.strikePoints() / underlyingPrice(c)));
        double expiry = 1 + 2 * Math.exp(-(c.expiration() - now) / DAY_NS / 1.5);
        return 0.004 * activity * expiry * Math.exp(-moneyness * 150);
    }

    private void act(EpisodePlan plan, long now) {
        if (now < plan.nextActionNs) {
            return;
        }
        double ramp = 0.4 + 0.6 * plan.progress(now);
        switch (plan.kind) {
            case Episode.INSTITUTIONAL:
                {
                    Contract target = plan.targets.get(random.nextInt(plan.targets.size()));
                    plan.volume +=
                            exchange.aggress(target.index(), now, plan.buy, pareto(10, 1.6, 250));
                    plan.nextActionNs = now + (long) (exponential(3.5 / ramp) * 1e9);
                    break;
                }
            case Episode.STRADDLE:
                {
                    long size = pareto(5, 1.8, 120);
                    long putSize =
                            Math.max(1, Math.round(size * (0.85 + 0.3 * random.nextDouble())));
                    plan.volume += exchange.aggress(plan.targets.get(0).index(), now, true, size);
                    plan.volume +=
                            exchange.aggress(
                                    plan.targets.get(1).index(), now + 2_000_000, true, putSize);
                    plan.nextActionNs = now + (long) (exponential(9.0) * 1e9);
                    break;
                }
            case Episode.STRANGLE:
            case Episode.VERTICAL:
            case Episode.CALENDAR:
                {
                    // two legs in matched size within a fraction of a second; a vertical or a
                    // calendar sells the second leg
                    long size = pareto(5, 1.8, 120);
                    long other = Math.max(1, Math.round(size * (0.9 + 0.2 * random.nextDouble())));
                    boolean secondBuy = plan.kind.equals(Episode.STRANGLE) == plan.buy;
                    plan.volume +=
                            exchange.aggress(plan.targets.get(0).index(), now, plan.buy, size);
                    plan.volume +=
                            exchange.aggress(
                                    plan.targets.get(1).index(),
                                    now + (1 + random.nextInt(300)) * 1_000_000L,
                                    secondBuy,
                                    other);
                    plan.nextActionNs = now + (long) (exponential(9.0) * 1e9);
                    break;
                }
            case Episode.RISK_REVERSAL:
                {
                    // the call bought and the put sold together (or the reverse): one view, two
                    // legs in matched size within a fraction of a second
                    long size = pareto(10, 1.6, 250);
                    long other = Math.max(1, Math.round(size * (0.9 + 0.2 * random.nextDouble())));
                    plan.volume +=
                            exchange.aggress(plan.targets.get(0).index(), now, plan.buy, size);
                    plan.volume +=
                            exchange.aggress(
                                    plan.targets.get(1).index(),
                                    now + (1 + random.nextInt(300)) * 1_000_000L,
                                    !plan.buy,
                                    other);
                    plan.nextActionNs = now + (long) (exponential(4.0 / ramp) * 1e9);
                    break;
                }
            case Episode.CHURN:
                {
                    // both sides aggress the same contract in turn in similar size: heavy, not
                    // one-sided
                    int target = plan.targets.get(0).index();
                    long size = pareto(10, 1.6, 150);
                    plan.volume += exchange.aggress(target, now, plan.churnBuy, size);
                    plan.churnBuy = !plan.churnBuy;
                    plan.nextActionNs = now + (long) (exponential(2.0) * 1e9);
                    break;
                }
            case Episode.SPREAD_PRINT:
                {
                    // a vertical traded as a spread: both legs print with side N, same size
                    long size = pareto(10, 1.6, 200);
                    plan.volume += exchange.legPrint(plan.targets.get(0).index(), now, size);
                    plan.volume +=
                            exchange.legPrint(plan.targets.get(1).index(), now + 1_000, size);
                    plan.nextActionNs = now + (long) (exponential(5.0) * 1e9);
                    break;
                }
            case Episode.BLOCK:
                {
                    // one large order first, then thinner flow the same way
                    int target = plan.targets.get(0).index();
                    plan.volume +=
                            plan.volume == 0
                                    ? exchange.block(
                                            target, now, plan.buy, 300 + random.nextInt(300))
                                    : exchange.aggress(target, now, plan.buy, pareto(5, 1.8, 60));
                    plan.nextActionNs = now + (long) (exponential(6.0 / ramp) * 1e9);
                    break;
                }
            case Episode.RETAIL:
                {
                    // many small orders the same way, close together: retail chasing a move
                    int target = plan.targets.get(0).index();
                    plan.volume += exchange.aggress(target, now, plan.buy, 1 + random.nextInt(3));
                    plan.nextActionNs = now + (long) (exponential(0.7) * 1e9);
                    break;
                }
            case Episode.BURST:
                {
                    int target = plan.targets.get(0).index();
                    plan.volume += exchange.aggress(target, now, plan.buy, pareto(10, 1.6, 150));
                    plan.nextActionNs = now + (long) (exponential(1.5) * 1e9);
                    break;
                }
            default:
                {
                    int target = plan.targets.get(0).index();
                    long cancelAt = now + 200_000_000L + random.nextInt(700) * 1_000_000L;
                    exchange.spoof(target, now, plan.buy, 60 + random.nextInt(140), cancelAt);
                    if (random.nextInt(3) == 0) {
                        plan.volume +=
                                exchange.aggress(
                                        target, now + 1_000_000, plan.buy, pareto(5, 1.8, 40));
                    }
                    plan.nextActionNs = now + (long) (exponential(4.0) * 1e9);
                    break;
                }
        }
    }

    private void startDrift(EpisodePlan plan, long episodeEnd) {
        long start = episodeEnd + (1 + random.nextInt(3)) * MINUTE;
        long end = start + 15 * MINUTE;
        double points = (15 + random.nextInt(26)) * plan.impliedFutureDirection();
        drifts.add(new DriftWindow(start, end, points / ((end - start) / (double) STEP_NS)));
        plan.driftWindow = new long[] {start, end};
        plan.driftPoints = points;
    }

    private Episode label(EpisodePlan plan, LocalDate day, long sessionEnd) {
        List<Long> ids = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        List<Double> strikes = new ArrayList<>();
        for (Contract c : plan.targets) {
            ids.add(c.instrumentId());
            symbols.add(c.rawSymbol());
            if (!strikes.contains(c.strikePoints())) {
                strikes.add(c.strikePoints());
            }
        }
        Contract first = plan.targets.get(0);
        String type =
                plan.kind.equals(Episode.STRADDLE) || plan.kind.equals(Episode.STRANGLE)
                        ? "C+P"
                        : String.valueOf(first.instrumentClass());
        Episode.Drift drift = null;
        if (plan.driftWindow != null && plan.driftWindow[0] < sessionEnd) {
            long end = Math.min(plan.driftWindow[1], sessionEnd);
            double applied =
                    plan.driftPoints
                            * (end - plan.driftWindow[0])
                            / (plan.driftWindow[1] - plan.driftWindow[0]);
            drift =
                    new Episode.Drift(
                            applied > 0 ? "UP" : "DOWN",
                            Math.round(applied * 100) / 100.0,
                            plan.driftWindow[0],
                            end);
        }
        return new Episode(
                plan.kind,
                plan.buy ? "BUY" : "SELL",
                ids,
                symbols,
                strikes,
                type,
                first.expiration(),
                first.root(),
                first.underlying(),
                day.toString(),
                plan.startNs,
                plan.endNs,
                plan.volume,
                drift);
    }

    private long geometric(double mean) {
        return (long) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - 1 / mean));
    }

    private long pareto(double min, double alpha, long cap) {
        return Math.min(cap, Math.round(min / Math.pow(1 - random.nextDouble(), 1 / alpha)));
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private long sessionStart(LocalDate day) {
        return config.sessionStartNs(day);
    }

    private long sessionEnd(LocalDate day) {
        return sessionStart(day) + config.minutes() * MINUTE;
    }

    private static int date(LocalDate day) {
        return day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
    }

    private static void writeLabels(Path file, List<Episode> labels) {
        try {
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(file.toFile(), labels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
