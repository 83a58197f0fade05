package io.instflow.contract.flink;

import io.instflow.contract.kafka.CommittedEnd;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;

/**
 * A bounded source's stopping offsets: the topics' ends as of the start, including every
 * transaction committed before it ({@link CommittedEnd}). The connector's {@code latest()} takes
 * the last stable offsets as they stand, so a job started right after the job that wrote its input
 * could stop before that job's last transaction and never read it.
 */
final class CommittedEndOffsets implements OffsetsInitializer {

    private static final long serialVersionUID = 1L;

    private final String bootstrap;

    CommittedEndOffsets(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public Map<TopicPartition, Long> getPartitionOffsets(
            Collection<TopicPartition> partitions, PartitionOffsetsRetriever retriever) {
        return CommittedEnd.of(bootstrap, partitions, CommittedEnd.DEFAULT_WAIT);
    }

    @Override
    public OffsetResetStrategy getAutoOffsetResetStrategy() {
        return OffsetResetStrategy.LATEST;
    }
}
