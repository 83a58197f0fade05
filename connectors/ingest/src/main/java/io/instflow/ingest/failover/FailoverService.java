package io.instflow.ingest.failover;

import io.instflow.avro.FeedStatusKind;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.ingest.LiveSource;
import io.instflow.ingest.barchart.BarchartSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The connector service with a backup: Databento's live source runs throughout (its own reconnect
 * policy keeps trying to restore it); a {@link FailoverController} watches its health and, while
 * the detector should read the backup, the Barchart source polls. Every switch is logged and
 * published on the status topic ({@code FAILOVER} / {@code FAILBACK}, source {@code failover}) with
 * its reason and the window boundary from which it applies.
 */
public final class FailoverService {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverService.class);
    private static final Duration TICK = Duration.ofMillis(200);

    private final LiveSource primary;
    private final BarchartSource backup;
    private final KafkaPublisher publisher;
    private final FailoverController controller;
    private final Clock clock;
    private long lastActivity = -1;

    public FailoverService(
            LiveSource primary,
            BarchartSource backup,
            KafkaPublisher publisher,
            FailoverPolicy policy,
            Clock clock) {
        this.primary = primary;
        this.backup = backup;
        this.publisher = publisher;
        this.clock = clock;
        this.controller = new FailoverController(policy, clock.instant());
        controller.backupAvailable(true);
    }

    public FailoverController controller() {
        return controller;
    }

    /**
     * Runs the primary on its own thread and the controller here until {@code running} says stop.
     */
    public void run(BooleanSupplier running) throws InterruptedException {
        Thread live = new Thread(primary::run, "databento-live");
        live.setDaemon(true);
        live.start();
        try {
            while (running.getAsBoolean()) {
                tick();
                // health is sampled: grace and hold are seconds long, so a 200 ms tick is ample
                Thread.sleep(TICK.toMillis());
            }
        } finally {
            primary.stop();
            live.join(5_000);
        }
    }

    /** One look at the primary, one decision, and a backup poll while the backup governs. */
    void tick() throws InterruptedException {
        LiveSource.Health health = primary.health();
        if (health.activity() != lastActivity) {
            lastActivity = health.activity();
            controller.primaryActivity(clock.instant());
        }
        controller.primaryConnected(health.connected());
        controller.primaryReplayComplete(health.replayComplete());
        Optional<Transition> transition = controller.evaluate(clock.instant());
        transition.ifPresent(this::announce);
        if (controller.source() == Transition.Source.BARCHART) {
            backup.pollDue();
        }
    }

    private void announce(Transition t) {
        String message =
                (t.kind() == Transition.Kind.FAILOVER
                                ? "failing over to Barchart (degraded, delayed snapshots)"
                                : "failing back to Databento")
                        + ": "
                        + t.reason()
                        + "; applies to windows from "
                        + t.effectiveFrom();
        LOG.warn(message);
        publisher.status(
                publisher
                        .statusEvent(
                                "failover",
                                t.kind() == Transition.Kind.FAILOVER
                                        ? FeedStatusKind.FAILOVER
                                        : FeedStatusKind.FAILBACK,
                                message)
                        .setDegraded(t.to() == Transition.Source.BARCHART)
                        .setEffectiveFrom(t.effectiveFrom().toEpochMilli() * 1_000_000L)
                        .build());
    }
}
