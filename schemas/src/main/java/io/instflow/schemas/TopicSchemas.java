package io.instflow.schemas;

import io.instflow.avro.Bar;
import io.instflow.avro.BarchartFuturesQuote;
import io.instflow.avro.BarchartOptionQuote;
import io.instflow.avro.Comparison;
import io.instflow.avro.FeedStatus;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboEvent;
import io.instflow.avro.PipelineMetric;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.avro.StrategyOrder;
import io.instflow.avro.StrategyPosition;
import io.instflow.avro.StrategyTrade;

import org.apache.avro.specific.SpecificRecord;

import java.util.List;

/** The record type of every topic value, in one place. */
public final class TopicSchemas {

    /** Every top-level record type published on a topic. */
    public static final List<Class<? extends SpecificRecord>> ALL =
            List.of(
                    MboEvent.class,
                    InstrumentDefinition.class,
                    FeedStatus.class,
                    Bar.class,
                    PressureMetrics.class,
                    Signal.class,
                    Rejection.class,
                    PipelineMetric.class,
                    Comparison.class,
                    BarchartOptionQuote.class,
                    BarchartFuturesQuote.class,
                    StrategyOrder.class,
                    StrategyPosition.class,
                    StrategyTrade.class);

    private TopicSchemas() {}
}
