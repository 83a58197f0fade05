package io.instflow.ifd.functions;

import io.instflow.avro.MboAction;
import io.instflow.avro.PipelineMetric;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pass-through operator reports completed checkpoints, once each, for the dashboard's health
 * panel.
 */
class ThroughputFunctionTest {

    @Test
    void shouldReportEachCompletedCheckpointOnceWithTheNextRecord() throws Exception {
        try (var h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ThroughputFunction(
                                new io.instflow.contract.MetricRecords(
                                        new io.instflow.contract.Deployment("ifd-test"),
                                        "testing")))) {
            h.processElement(new StreamRecord<>(BookFunctionTest.mbo(MboAction.ADD, 1, 5), 1));
            assertThat(checkpoints(h.getSideOutput(ThroughputFunction.METRICS))).isEmpty();

            h.notifyOfCompletedCheckpoint(7);
            h.processElement(new StreamRecord<>(BookFunctionTest.mbo(MboAction.ADD, 2, 5), 2));
            h.processElement(new StreamRecord<>(BookFunctionTest.mbo(MboAction.ADD, 3, 5), 3));

            assertThat(checkpoints(h.getSideOutput(ThroughputFunction.METRICS)))
                    .singleElement()
                    .satisfies(
                            m -> {
                                assertThat(m.getValue()).isEqualTo(7.0);
                                assertThat(m.getJob()).isEqualTo("ifd-test");
                                assertThat(m.getTs()).isPositive();
                            });
            assertThat(h.extractOutputValues()).hasSize(3);
        }
    }

    private static List<PipelineMetric> checkpoints(
            java.util.Collection<StreamRecord<PipelineMetric>> metrics) {
        return metrics == null
                ? List.of()
                : metrics.stream()
                        .map(StreamRecord::getValue)
                        .filter(m -> m.getName().equals("checkpoint_completed"))
                        .toList();
    }
}
