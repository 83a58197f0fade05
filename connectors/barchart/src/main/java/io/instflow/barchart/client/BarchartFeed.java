package io.instflow.barchart.client;

import io.instflow.barchart.chain.ParsedChain;
import io.instflow.barchart.futures.FuturesQuote;

import java.util.List;

/**
 * A way of getting Barchart data (spec/barchart.md §10): the website's JSON endpoint or the
 * licensed OnDemand API. Both give the same records; configuration picks one.
 */
public interface BarchartFeed {

    /**
     * The whole chain of one series, e.g. {@code MQ4M25}; {@link FailureKind#NOT_FOUND} when empty.
     */
    ParsedChain chain(String seriesCode) throws BarchartException, InterruptedException;

    /** Quotes of futures contracts, e.g. NQU25 and NQZ25, in one request. */
    List<FuturesQuote> futures(List<String> symbols) throws BarchartException, InterruptedException;

    /**
     * How the data was fetched, stamped on every record: {@code header-only}, {@code ondemand},
     * ....
     */
    String accessName();
}
