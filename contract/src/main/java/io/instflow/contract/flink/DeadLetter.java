package io.instflow.contract.flink;

/**
 * A Kafka record a job could not use, as it arrived, with where it came from and why: the raw key
 * and value go to the job's dead-letter topic with the rest as headers. A Flink POJO.
 */
public class DeadLetter {

    /** Header names on the dead-letter topic. */
    public static final String SOURCE_TOPIC = "source_topic";

    public static final String SOURCE_PARTITION = "source_partition";
    public static final String SOURCE_OFFSET = "source_offset";
    public static final String REASON = "reason";

    public String topic;
    public int partition;
    public long offset;

    /** The record's key and value bytes; either may be null (a tombstone has no value). */
    public byte[] key;

    public byte[] value;

    /** Why it was not used, e.g. {@code undecodable: ...} or {@code implausible ts_event: ...}. */
    public String reason;

    public DeadLetter() {}

    public DeadLetter(
            String topic, int partition, long offset, byte[] key, byte[] value, String reason) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
        this.reason = reason;
    }

    /** The kind of reason, the part before the first colon: what metrics count by. */
    public String kind() {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }
}
