package io.instflow.cli.alert;

import io.instflow.avro.Signal;
import io.instflow.avro.Tier;
import io.instflow.schemas.AvroDecodeException;
import io.instflow.schemas.AvroSerde;

import java.io.PrintWriter;

/**
 * Turns the records of a signal topic into webhook posts: each signal at or above the minimum tier
 * is posted once, and the state moves past a record only after its post was accepted, so a restart
 * resumes with the first signal not yet sent. The state file is written after each post; skipped
 * records reach it with the poll batch ({@code AlertCommand}), not one file write each.
 */
public final class Alerter {

    private final AvroSerde<Signal> serde = AvroSerde.of(Signal.class);
    private final Webhook webhook;
    private final AlertFormat format;
    private final Tier minTier;
    private final AlertState state;
    private final PrintWriter out;
    private final PrintWriter err;
    private long posted;
    private long belowTier;
    private long alreadySent;
    private long undecodable;
    private long retries;

    public Alerter(
            Webhook webhook,
            AlertFormat format,
            Tier minTier,
            AlertState state,
            PrintWriter out,
            PrintWriter err) {
        this.webhook = webhook;
        this.format = format;
        this.minTier = minTier;
        this.state = state;
        this.out = out;
        this.err = err;
    }

    /** Handles the record at {@code partition}/{@code offset}. */
    public void accept(int partition, long offset, byte[] value) throws InterruptedException {
        Signal signal;
        try {
            signal = serde.deserialize(value);
        } catch (AvroDecodeException e) {
            undecodable++;
            err.println(
                    "skipped record "
                            + partition
                            + "/"
                            + offset
                            + ": not a signal ("
                            + e.getMessage()
                            + ")");
            err.flush();
            state.advance(partition, offset + 1);
            return;
        }
        if (signal.getTier().ordinal() < minTier.ordinal()) {
            belowTier++;
        } else if (state.wasSent(signal.getSignalId())) {
            alreadySent++;
        } else {
            int attempts =
                    webhook.post(
                            format.body(signal),
                            attempt -> {
                                retries++;
                                err.println(
                                        "attempt "
                                                + attempt
                                                + " to post signal "
                                                + signal.getSignalId()
                                                + " failed; retrying");
                                err.flush();
                            });
            state.markSent(signal.getSignalId());
            state.advance(partition, offset + 1);
            state.save();
            posted++;
            out.println(
                    "posted "
                            + AlertText.of(signal)
                            + (attempts > 1 ? " (attempt " + attempts + ")" : ""));
            out.flush();
        }
        state.advance(partition, offset + 1);
    }

    /** One line of counts, for the end of a run. */
    public String summary() {
        return "alerts: "
                + posted
                + " posted, "
                + belowTier
                + " below "
                + minTier
                + ", "
                + alreadySent
                + " already sent, "
                + undecodable
                + " undecodable records skipped, "
                + retries
                + " retried posts";
    }

    public long posted() {
        return posted;
    }
}
