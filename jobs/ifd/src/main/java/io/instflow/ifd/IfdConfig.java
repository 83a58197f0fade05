package io.instflow.ifd;

import io.instflow.contract.Deployment;
import io.instflow.contract.Topics;
import io.instflow.contract.flink.KafkaConnectors;
import io.instflow.ifd.logic.BaselineSeed;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ifd.logic.EventTimeGuard;

/**
 * Everything the IFD job needs to run, read once in {@code main}.
 *
 * @param inputPrefix topic prefix of the market-data topics
 * @param outputPrefix topic prefix of this job's outputs (e.g. {@code shadow.})
 * @param bounded read the input topics up to their current end and stop (replays, tests)
 * @param exactlyOnce transactional sinks; false is the at-least-once preview mode
 * @param barchartBackup also read the Barchart snapshots and the failover transitions, and take
 *     each window's flow from the source that governs it (degraded-mode pressure and signals)
 * @param guard when an MBO record's ts_event is implausible and goes to the dead-letter topic
 * @param definitionWaitMs how long (event time) an instrument's events wait for its definition
 *     before they are dropped and counted
 * @param baselines baselines the detector starts from ({@code instflow backfill}); empty: none
 */
public record IfdConfig(
        String bootstrap,
        String inputPrefix,
        String outputPrefix,
        DetectorParams params,
        int windowMinutes,
        long outOfOrdernessMs,
        long idleMs,
        long checkpointIntervalMs,
        boolean bounded,
        boolean exactlyOnce,
        boolean barchartBackup,
        EventTimeGuard guard,
        long definitionWaitMs,
        BaselineSeed baselines) {

    /** Events of an instrument without a definition wait ten minutes of event time by default. */
    public static final long DEFINITION_WAIT_MS = 600_000;

    /** With the default event-time guard and definition wait. */
    public IfdConfig(
            String bootstrap,
            String inputPrefix,
            String outputPrefix,
            DetectorParams params,
            int windowMinutes,
            long outOfOrdernessMs,
            long idleMs,
            long checkpointIntervalMs,
            boolean bounded,
            boolean exactlyOnce,
            boolean barchartBackup) {
        this(
                bootstrap,
                inputPrefix,
                outputPrefix,
                params,
                windowMinutes,
                outOfOrdernessMs,
                idleMs,
                checkpointIntervalMs,
                bounded,
                exactlyOnce,
                barchartBackup,
                EventTimeGuard.defaults(),
                DEFINITION_WAIT_MS,
                BaselineSeed.EMPTY);
    }

    /** Without the Barchart backup. */
    public IfdConfig(
            String bootstrap,
            String inputPrefix,
            String outputPrefix,
            DetectorParams params,
            int windowMinutes,
            long outOfOrdernessMs,
            long idleMs,
            long checkpointIntervalMs,
            boolean bounded,
            boolean exactlyOnce) {
        this(
                bootstrap,
                inputPrefix,
                outputPrefix,
                params,
                windowMinutes,
                outOfOrdernessMs,
                idleMs,
                checkpointIntervalMs,
                bounded,
                exactlyOnce,
                false);
    }

    public IfdConfig {
        if (windowMinutes < 1 || windowMinutes > 5) {
            throw new IllegalArgumentException(
                    "window.minutes must be 1 to 5, got " + windowMinutes);
        }
        baselines.requireWindowMinutes(windowMinutes);
    }

    /** The same job, starting from {@code seed}. */
    public IfdConfig withBaselines(BaselineSeed seed) {
        return new IfdConfig(
                bootstrap,
                inputPrefix,
                outputPrefix,
                params,
                windowMinutes,
                outOfOrdernessMs,
                idleMs,
                checkpointIntervalMs,
                bounded,
                exactlyOnce,
                barchartBackup,
                guard,
                definitionWaitMs,
                seed);
    }

    /**
     * This job's one name: its metrics' job, uid prefix, consumer group and transactional-id
     * prefix.
     */
    public Deployment deployment() {
        return Deployment.ifd(params.profile(), outputPrefix);
    }

    /** The market-data topics it reads. */
    public Topics input() {
        return new Topics(inputPrefix);
    }

    /** The topics it writes. */
    public Topics output() {
        return new Topics(outputPrefix);
    }

    /** Its Kafka sources and sinks. */
    public KafkaConnectors kafka() {
        return new KafkaConnectors(bootstrap, deployment(), bounded, exactlyOnce);
    }
}
