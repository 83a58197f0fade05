package io.instflow.ifd.io;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a reference-data input (instrument definitions) joined to an event-time stream:
 * always the end of time, so the input never holds back the operator's event time. A source
 * without watermarks would, for as long as it runs: the combined watermark of a two-input operator
 * is the smaller of its inputs'.
 */
public final class ReferenceDataWatermarks<T> implements WatermarkGenerator<T> {

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }
}
