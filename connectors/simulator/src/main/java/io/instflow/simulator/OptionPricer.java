package io.instflow.simulator;

/**
 * Black-76 prices of options on futures, and CME NQ option ticks. Plain doubles: these are fair
 * values for quoting, turned into fixed-point prices on the tick grid by the caller.
 */
public final class OptionPricer {

    /** Annual risk-free rate used for discounting. */
    public static final double RATE = 0.04;

    /** Seconds in a year, for time to expiry. */
    static final double YEAR_SECONDS = 365.0 * 24 * 3600;

    private OptionPricer() {}

    /** Black-76 price in index points. */
    public static double price(
            boolean call, double future, double strike, double years, double vol) {
        double t = Math.max(years, 1e-6);
        double discount = Math.exp(-RATE * t);
        double sd = vol * Math.sqrt(t);
        double d1 = (Math.log(future / strike) + 0.5 * sd * sd) / sd;
        double d2 = d1 - sd;
        return call
                ? discount * (future * cdf(d1) - strike * cdf(d2))
                : discount * (strike * cdf(-d2) - future * cdf(-d1));
    }

    /** Lower no-arbitrage bound: discounted intrinsic value. */
    public static double lowerBound(boolean call, double future, double strike, double years) {
        return Math.exp(-RATE * years) * Math.max(0, call ? future - strike : strike - future);
    }

    /** Upper no-arbitrage bound: the discounted future (call) or strike (put). */
    public static double upperBound(boolean call, double future, double strike, double years) {
        return Math.exp(-RATE * years) * (call ? future : strike);
    }

    /** Implied volatility of a strike: a mild put skew around 18 % at the money. */
    public static double volatility(double future, double strike, double volScale) {
        double moneyness = Math.log(strike / future);
        return volScale * (0.18 - 0.35 * moneyness + 1.5 * moneyness * moneyness);
    }

    /** CME NQ option tick in index points: 0.05 below a premium of 5.00, else 0.25. */
    public static double tick(double premium) {
        return premium < 5.0 ? 0.05 : 0.25;
    }

    /** Standard normal CDF (Abramowitz-Stegun 26.2.17, error below 7.5e-8). */
    static double cdf(double x) {
        double t = 1.0 / (1.0 + 0.2316419 * Math.abs(x));
        double poly =
                t
                        * (0.319381530
                                + t
                                        * (-0.356563782
                                                + t
                                                        * (1.781477937
                                                                + t
                                                                        * (-1.821255978
                                                                                + t
                                                                                        * 1.330274429))));
        double tail = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) * poly;
        return x >= 0 ? 1 - tail : tail;
    }
}
