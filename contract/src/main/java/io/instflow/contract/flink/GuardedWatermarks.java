package io.instflow.contract.flink;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;

/**
 * A value stream's watermark strategy applied to a guarded source: values are timestamped and move
 * event time as they would alone; dead letters keep the Kafka record's timestamp and never move
 * event time, so a record dated 2100 cannot make the rest of the stream late.
 *
 * @param <T> the value type
 */
public final class GuardedWatermarks<T> implements WatermarkStrategy<Either<T, DeadLetter>> {

    private static final long serialVersionUID = 1L;

    private final WatermarkStrategy<T> values;

    private GuardedWatermarks(WatermarkStrategy<T> values) {
        this.values = values;
    }

    /** {@code values}' strategy for the values of a guarded source. */
    public static <T> GuardedWatermarks<T> of(WatermarkStrategy<T> values) {
        return new GuardedWatermarks<>(values);
    }

    @Override
    public TimestampAssigner<Either<T, DeadLetter>> createTimestampAssigner(
            TimestampAssignerSupplier.Context context) {
        TimestampAssigner<T> inner = values.createTimestampAssigner(context);
        return (record, recordTimestamp) ->
                record.isLeft()
                        ? inner.extractTimestamp(record.left(), recordTimestamp)
                        : recordTimestamp;
    }

    @Override
    public WatermarkGenerator<Either<T, DeadLetter>> createWatermarkGenerator(
            WatermarkGeneratorSupplier.Context context) {
        WatermarkGenerator<T> inner = values.createWatermarkGenerator(context);
        return new WatermarkGenerator<>() {
            @Override
            public void onEvent(
                    Either<T, DeadLetter> event, long timestamp, WatermarkOutput output) {
                if (event.isLeft()) {
                    inner.onEvent(event.left(), timestamp, output);
                }
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                inner.onPeriodicEmit(output);
            }
        };
    }
}
