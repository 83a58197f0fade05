package io.instflow.ifd.io;

import io.instflow.ifd.model.ContractInfo;

import java.io.Serializable;
import java.util.Map;

/**
 * The definitions known when an operator opens, so that no MBO record overtakes its instrument's
 * definition at start-up; later definitions still arrive by broadcast.
 */
@FunctionalInterface
public interface DefinitionsLoader extends Serializable {

    Map<Long, ContractInfo> load();

    /** Nothing preloaded: definitions come by broadcast only. */
    DefinitionsLoader NONE = Map::of;
}
