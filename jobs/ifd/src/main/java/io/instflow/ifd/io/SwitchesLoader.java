package io.instflow.ifd.io;

import java.io.Serializable;
import java.util.Map;

/**
 * The connector's source switches known when an operator opens: window boundary (ms since the
 * epoch) to the source governing windows from there, {@code DATABENTO} or {@code BARCHART}. A job
 * replaying history must not let flow overtake the switch that governs it; later switches still
 * arrive by broadcast.
 */
@FunctionalInterface
public interface SwitchesLoader extends Serializable {

    Map<Long, String> load();

    /** Nothing preloaded: switches come by broadcast only. */
    SwitchesLoader NONE = Map::of;
}
