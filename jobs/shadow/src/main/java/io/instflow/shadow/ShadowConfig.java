package io.instflow.shadow;

import io.instflow.shadow.logic.OutcomeParams;

import java.io.Serializable;

/**
 * Everything the comparison job needs, read once in {@code main}.
 *
 * @param productionPrefix topic prefix of the production IFD job's outputs (its signals and bars)
 * @param shadowPrefix topic prefix of the shadow IFD job's outputs
 * @param outputPrefix prefix of this job's {@code shadow.comparison} and {@code ifd.metrics}
 * @param productionLabel how reports name production (its profile, or profile and algorithm)
 * @param shadowLabel how reports name the shadow
 * @param strikePoints coordination distance: opposite directions within it conflict
 * @param bounded read the inputs up to their current end and stop
 */
public record ShadowConfig(
        String bootstrap,
        String productionPrefix,
        String shadowPrefix,
        String outputPrefix,
        String productionLabel,
        String shadowLabel,
        double strikePoints,
        OutcomeParams outcome,
        long outOfOrdernessMs,
        long idleMs,
        long checkpointIntervalMs,
        boolean bounded,
        boolean exactlyOnce)
        implements Serializable {

    public ShadowConfig {
        if (productionPrefix.equals(shadowPrefix)) {
            throw new IllegalArgumentException(
                    "production and shadow read the same topic prefix '"
                            + productionPrefix
                            + "'; a shadow deployment needs its own --topic-prefix");
        }
        if (productionLabel.equals(shadowLabel)) {
            throw new IllegalArgumentException(
                    "production and shadow are both labelled '"
                            + shadowLabel
                            + "'; give the shadow a label of its own");
        }
    }

    /**
     * This job's one name: its metrics' job, uid prefix, consumer groups and transactional-id
     * prefix.
     */
    public io.instflow.contract.Deployment deployment() {
        return io.instflow.contract.Deployment.comparison(outputPrefix, shadowPrefix);
    }

    /** Its Kafka sources and sinks. */
    public io.instflow.contract.flink.KafkaConnectors kafka() {
        return new io.instflow.contract.flink.KafkaConnectors(
                bootstrap, deployment(), bounded, exactlyOnce);
    }
}
