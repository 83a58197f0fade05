package io.instflow.barchart.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * One way of being let in by Barchart's website API (spec/barchart.md §2). The client tries its
 * strategies in order, remembers the one that works and re-probes the others after a failure.
 */
public interface AccessStrategy {

    String name();

    /** Gets what the strategy needs before its first request or after its session expired. */
    void prepare(HttpClient http, WebConfig config) throws IOException, InterruptedException;

    /**
     * Whether {@link #prepare} sends a request (counted by the gate) for a session that can expire.
     */
    boolean refreshable();

    /** Adds the strategy's headers (cookies, tokens) to an API request. */
    void decorate(HttpRequest.Builder request);
}
