package io.instflow.contract.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Right after a guarded source: usable values go on, dead letters to the {@link #DEAD_LETTERS} side
 * output (for the dead-letter topic and the metrics).
 *
 * @param <T> the value type
 */
public final class DeadLetterSplitter<T> extends ProcessFunction<Either<T, DeadLetter>, T> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    @Override
    public void processElement(Either<T, DeadLetter> record, Context ctx, Collector<T> out) {
        if (record.isLeft()) {
            out.collect(record.left());
        } else {
            ctx.output(DEAD_LETTERS, record.right());
        }
    }
}
