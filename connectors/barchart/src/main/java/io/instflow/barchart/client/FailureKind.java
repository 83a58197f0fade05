package io.instflow.barchart.client;

/** Why a Barchart request gave no usable data (spec/barchart.md §7, §8.6). */
public enum FailureKind {
    /** HTTP 200 with no rows: the series is wrong, not listed yet, or purged. Not an outage. */
    NOT_FOUND,
    /** A 403/401, a challenge or login page, or a stale session no strategy could get past. */
    BLOCKED,
    /** HTTP 429. */
    RATE_LIMITED,
    /** 5xx, timeouts or connection failures after the retries. */
    UNAVAILABLE,
    /** JSON, but not the shape the spec describes. */
    SCHEMA_DRIFT,
    /** Not sent: the client is backing off after an earlier failure. */
    BACKED_OFF,
    /** Not sent: the daily request budget is spent. */
    BUDGET_EXHAUSTED
}
