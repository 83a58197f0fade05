package io.instflow.strategies;

import io.instflow.contract.Deployment;
import io.instflow.contract.flink.KafkaConnectors;
import io.instflow.strategies.logic.StrategyParams;

import java.io.Serializable;
import java.util.List;

/**
 * Everything the strategies job needs, read once in {@code main}.
 *
 * @param inputPrefix topic prefix of the IFD job whose signals and 1-minute bars are traded
 * @param outputPrefix prefix of this job's {@code strategy.*} topics, metrics and dead letters
 * @param profileLabel how the outputs name the detector profile behind the signals
 * @param strategies the strategies traded side by side, each on its own paper account
 * @param bounded read the inputs up to their current end and stop
 */
public record StrategiesConfig(
        String bootstrap,
        String inputPrefix,
        String outputPrefix,
        String profileLabel,
        List<StrategyParams> strategies,
        long outOfOrdernessMs,
        long idleMs,
        long checkpointIntervalMs,
        boolean bounded,
        boolean exactlyOnce)
        implements Serializable {

    public StrategiesConfig {
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException(
                    "no strategies to trade: declare at least one under 'strategies' in"
                            + " pipeline_config.json");
        }
        strategies = List.copyOf(strategies);
    }

    /** This job's one name: metrics' job, uid prefix, consumer group, transactional ids. */
    public Deployment deployment() {
        return Deployment.strategies(inputPrefix, outputPrefix);
    }

    public KafkaConnectors kafka() {
        return new KafkaConnectors(bootstrap, deployment(), bounded, exactlyOnce);
    }
}
