package io.instflow.simulator;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * What to simulate. Built with {@link #builder(Path)}; {@code build()} fills defaults and rejects
 * values that make no sense, naming the option.
 *
 * @param out output directory
 * @param warmupDays trading days before {@code days} without episodes, so that a detector's
 *     baselines of prior days exist when the first episode comes
 * @param days trading days with episodes (weekdays after the warm-up days)
 * @param minutes simulated minutes per day, from the session's start
 * @param seed random seed: the same seed gives the same bytes
 * @param start first trading day (moved to the next weekday when on a weekend)
 * @param sessionStart UTC time of day each regular-hours session starts
 * @param episodesPerDay labelled episodes per day, of the kinds {@code mix} cycles through
 * @param profile activity level
 * @param futures number of NQ futures contracts, 1 or 2
 * @param driftProbability chance that an institutional episode is followed by a futures drift in
 *     its direction
 * @param universe the instruments listed: the small chain the detection figures were measured on,
 *     or the whole NQ options universe of the dates simulated ({@link FullUniverse})
 * @param session regular hours from {@code sessionStart}, or the 23-hour Globex session
 */
public record SimulatorConfig(
        Path out,
        int warmupDays,
        int days,
        int minutes,
        long seed,
        LocalDate start,
        LocalTime sessionStart,
        int episodesPerDay,
        Profile profile,
        int futures,
        double driftProbability,
        Mix mix,
        Universe universe,
        Session session) {

    /** The instruments a run lists. */
    public enum Universe {
        SMALL,
        FULL;

        public static Universe parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown universe '" + name + "'; expected small or full", e);
            }
        }
    }

    /**
     * Which hours a trading day simulates. RTH starts at {@code sessionStart} (UTC) and lasts
     * {@code minutes}; GLOBEX is CME's electronic session, from 17:00 Chicago on the evening before
     * to 16:00 Chicago (23 hours), quiet overnight, busier from the European morning and busiest in
     * the US cash session ({@link GlobexActivity}).
     */
    public enum Session {
        RTH(60),
        GLOBEX(1380);

        /** The default of {@code --minutes}: an hour of regular hours, all of Globex. */
        public final int defaultMinutes;

        Session(int defaultMinutes) {
            this.defaultMinutes = defaultMinutes;
        }

        public static Session parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown session '" + name + "'; expected rth or globex", e);
            }
        }
    }

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    /** When the session of trading day {@code day} starts, ns since the epoch. */
    public long sessionStartNs(LocalDate day) {
        Instant start =
                session == Session.GLOBEX
                        ? day.minusDays(1).atTime(17, 0).atZone(CHICAGO).toInstant()
                        : day.atTime(sessionStart).toInstant(ZoneOffset.UTC);
        return start.getEpochSecond() * 1_000_000_000L;
    }

    /**
     * Which episode kinds a day cycles through. CLASSIC: institutional, straddle, institutional,
     * spoof. HARD adds the markets that break a detector tuned on CLASSIC: strangles, verticals,
     * blocks followed by thinner flow, bursts inside one window, risk reversals (directional),
     * two-sided churn at one strike, spread trades printed on their legs with side N, calendars
     * (one strike's weekly sold against its quarterly bought, or the reverse) and retail bursts of
     * small lots.
     */
    public enum Mix {
        CLASSIC(Episode.INSTITUTIONAL, Episode.STRADDLE, Episode.INSTITUTIONAL, Episode.SPOOF),
        HARD(
                Episode.INSTITUTIONAL,
                Episode.STRANGLE,
                Episode.BLOCK,
                Episode.VERTICAL,
                Episode.BURST,
                Episode.STRADDLE,
                Episode.RISK_REVERSAL,
                Episode.CHURN,
                Episode.INSTITUTIONAL,
                Episode.SPREAD_PRINT,
                Episode.CALENDAR,
                Episode.RETAIL,
                Episode.SPOOF);

        private final String[] kinds;

        Mix(String... kinds) {
            this.kinds = kinds;
        }

        /**
         * Whether the universe lists and expires weeklies and dailies during the run ({@link
         * ChainBuilder}) and background activity is U-shaped over the session and clustered in time
         * ({@link MarketSimulator}); the classic mix keeps the fixed universe and flat activity its
         * figures were measured on.
         */
        public boolean listsDuringRun() {
            return this == HARD;
        }

        /**
         * The kind of a day's {@code i}-th episode. CLASSIC rotates its four kinds by one each day,
         * as the sessions its figures were measured on; HARD continues its cycle from day to day,
         * starting where the seed says, so every kind is played as often across seeds.
         */
        String kind(int dayIndex, int i, int perDay, long seed) {
            int turn =
                    this == CLASSIC
                            ? i + dayIndex
                            : i + dayIndex * perDay + (int) Math.floorMod(seed, kinds.length);
            return kinds[turn % kinds.length];
        }

        public static Mix parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown episode mix '" + name + "'; expected classic or hard", e);
            }
        }
    }

    /** Activity levels: multipliers of background trade rates and of volatility. */
    public enum Profile {
        QUIET(0.5, 0.7),
        NORMAL(1.0, 1.0),
        BUSY(2.5, 1.3);

        final double activity;
        final double volatility;

        Profile(double activity, double volatility) {
            this.activity = activity;
            this.volatility = volatility;
        }

        public static Profile parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown profile '" + name + "'; expected quiet, normal or busy", e);
            }
        }
    }

    public static Builder builder(Path out) {
        return new Builder(out);
    }

    /** All simulated days, warm-up included. */
    public int totalDays() {
        return warmupDays + days;
    }

    /**
     * Builder with defaults: no warm-up, 1 day of 60 minutes, seed 1, 2026-11-02, 14:30 UTC, 4
     * episodes, normal, the small universe, regular hours.
     */
    public static final class Builder {
        private final Path out;
        private int warmupDays;
        private int days = 1;
        private int minutes = 60;
        private long seed = 1;
        private LocalDate start = LocalDate.of(2026, 11, 2);
        private LocalTime sessionStart = LocalTime.of(14, 30);
        private int episodesPerDay = 4;
        private Profile profile = Profile.NORMAL;
        private int futures = 1;
        private double driftProbability = 0.5;
        private Mix mix = Mix.CLASSIC;
        private Universe universe = Universe.SMALL;
        private Session session = Session.RTH;
        private boolean minutesGiven;

        private Builder(Path out) {
            this.out = out;
        }

        public Builder warmupDays(int v) {
            warmupDays = v;
            return this;
        }

        public Builder days(int v) {
            days = v;
            return this;
        }

        public Builder minutes(int v) {
            minutes = v;
            minutesGiven = true;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder start(LocalDate v) {
            start = v;
            return this;
        }

        public Builder sessionStart(LocalTime v) {
            sessionStart = v;
            return this;
        }

        public Builder episodesPerDay(int v) {
            episodesPerDay = v;
            return this;
        }

        public Builder profile(Profile v) {
            profile = v;
            return this;
        }

        public Builder futures(int v) {
            futures = v;
            return this;
        }

        public Builder driftProbability(double v) {
            driftProbability = v;
            return this;
        }

        public Builder mix(Mix v) {
            mix = v;
            return this;
        }

        public Builder universe(Universe v) {
            universe = v;
            return this;
        }

        /** The session; {@code minutes}, unless given, becomes its default. */
        public Builder session(Session v) {
            session = v;
            return this;
        }

        public SimulatorConfig build() {
            require(out != null, "--out is required");
            if (!minutesGiven) {
                minutes = session.defaultMinutes;
            }
            require(days >= 1 && days <= 250, "--days must be between 1 and 250, got " + days);
            require(
                    warmupDays >= 0 && warmupDays <= 60,
                    "--warmup-days must be between 0 and 60, got " + warmupDays);
            require(
                    minutes >= 1 && minutes <= 1380,
                    "--minutes must be between 1 and 1380, got " + minutes);
            require(
                    episodesPerDay >= 0 && episodesPerDay <= 50,
                    "--episodes-per-day must be 0 to 50, got " + episodesPerDay);
            require(futures == 1 || futures == 2, "--futures must be 1 or 2, got " + futures);
            require(
                    driftProbability >= 0 && driftProbability <= 1,
                    "--drift-probability must be between 0 and 1, got " + driftProbability);
            require(
                    episodesPerDay == 0 || minutes >= 20,
                    "--minutes must be at least 20 to fit episodes (or use --episodes-per-day 0), got "
                            + minutes);
            LocalDate first = start;
            while (first.getDayOfWeek() == DayOfWeek.SATURDAY
                    || first.getDayOfWeek() == DayOfWeek.SUNDAY) {
                first = first.plusDays(1);
            }
            return new SimulatorConfig(
                    out,
                    warmupDays,
                    days,
                    minutes,
                    seed,
                    first,
                    sessionStart,
                    episodesPerDay,
                    profile,
                    futures,
                    driftProbability,
                    mix,
                    universe,
                    session);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
