package io.instflow.ifd.io;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a reference-data input (instrument definitions) joined to an event-time stream:
 * the input declares itself idle, so the operator's event time is the other input's alone. Without
 * watermarks it would hold the operator's event time back for as long as it runs (the combined
 * watermark of a two-input operator is the smaller of its inputs'); with a watermark at the end of
 * time it would push it to the end whenever the market-data input went quiet, making everything
 * after the pause late.
 */
public final class ReferenceDataWatermarks<T> implements WatermarkGenerator<T> {

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
