package io.instflow.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Ground truth of one injected episode, as written to {@code labels.json}.
 *
 * @param kind directional flow ({@code institutional}, {@code block}: one large order then thinner
 *     flow, {@code burst}: flow mostly inside one window, {@code risk_reversal}) or a decoy ({@code
 *     straddle}, {@code strangle}, {@code vertical}, {@code churn}, {@code spread_print}, {@code
 *     calendar}, {@code retail}: many small orders one way, {@code spoof})
 * @param direction the flow side: BUY (aggressors lift offers, or spoof bids) or SELL
 * @param optionType {@code C}, {@code P}, or {@code C+P} for a straddle or strangle
 * @param strikes strikes in index points
 * @param expiration option expiration, ns since the UNIX epoch
 * @param startNs first action of the episode, ns
 * @param endNs last action of the episode, ns
 * @param drift the futures drift that followed, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Episode(
        String kind,
        String direction,
        @JsonProperty("instrument_ids") List<Long> instrumentIds,
        @JsonProperty("raw_symbols") List<String> rawSymbols,
        List<Double> strikes,
        @JsonProperty("option_type") String optionType,
        long expiration,
        String root,
        String underlying,
        String day,
        @JsonProperty("start_ns") long startNs,
        @JsonProperty("end_ns") long endNs,
        @JsonProperty("volume") long volume,
        Drift drift) {

    public static final String INSTITUTIONAL = "institutional";
    public static final String STRADDLE = "straddle";
    public static final String SPOOF = "spoof";
    public static final String STRANGLE = "strangle";
    public static final String VERTICAL = "vertical";
    public static final String BLOCK = "block";
    public static final String BURST = "burst";
    public static final String RISK_REVERSAL = "risk_reversal";
    public static final String CHURN = "churn";
    public static final String SPREAD_PRINT = "spread_print";
    public static final String CALENDAR = "calendar";
    public static final String RETAIL = "retail";

    /** The kinds a detector should signal; every other kind is a decoy. */
    public static final Set<String> DIRECTIONAL =
            Set.of(INSTITUTIONAL, BLOCK, BURST, RISK_REVERSAL);

    /** Whether a detector should signal this episode. */
    public boolean directional() {
        return DIRECTIONAL.contains(kind);
    }

    /** Reads a simulator's {@code labels.json}. */
    public static List<Episode> read(Path labels) throws IOException {
        return new ObjectMapper().readValue(labels.toFile(), new TypeReference<List<Episode>>() {});
    }

    /**
     * A move of the front future after an institutional episode, in the direction its flow implies.
     *
     * @param direction UP or DOWN
     * @param points total move in index points
     */
    public record Drift(
            String direction,
            double points,
            @JsonProperty("start_ns") long startNs,
            @JsonProperty("end_ns") long endNs) {}
}
