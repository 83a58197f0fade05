package io.instflow.ifd;

import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboEvent;
import io.instflow.contract.DefinitionFields;
import io.instflow.contract.MboEventEncoder;
import io.instflow.dbn.RecordDispatcher;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.InstrumentDefDecoder;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.ifd.io.DefinitionsLoader;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.schemas.AvroSerde;
import io.instflow.simulator.SimulationResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated session as the Avro values the connector would publish, in memory: the same mapping
 * (the contract's encoder and definition fields) without a broker, for topology tests.
 */
record SessionRecords(List<InstrumentDefinition> definitions, List<MboEvent> mbo) {

    static SessionRecords of(SimulationResult session) {
        List<InstrumentDefinition> definitions = new ArrayList<>();
        List<MboEvent> mbo = new ArrayList<>();
        MboEventEncoder encoder = new MboEventEncoder("GLBX.MDP3");
        AvroSerde<MboEvent> serde = AvroSerde.of(MboEvent.class);
        RecordHandler handler =
                new RecordHandler() {
                    @Override
                    public void onMbo(MboDecoder r) {
                        mbo.add(serde.deserialize(encoder.encode(r, false)));
                    }

                    @Override
                    public void onInstrumentDef(InstrumentDefDecoder r) {
                        definitions.add(DefinitionFields.of(r, "GLBX.MDP3"));
                    }
                };
        read(session.definitions(), handler);
        session.days().forEach(d -> read(d.file(), handler));
        return new SessionRecords(definitions, mbo);
    }

    /** The definitions as the job's preload would find them on the topic. */
    DefinitionsLoader preload() {
        List<InstrumentDefinition> all = List.copyOf(definitions);
        return () -> {
            Map<Long, ContractInfo> known = new HashMap<>();
            all.forEach(d -> known.put(d.getInstrumentId(), ContractInfo.of(d)));
            return known;
        };
    }

    private static void read(Path file, RecordHandler handler) {
        RecordDispatcher dispatcher = new RecordDispatcher(handler);
        try (DbnReader reader = DbnReader.open(file)) {
            while (reader.nextRecord()) {
                dispatcher.dispatch(reader.buffer(), reader.recordOffset(), reader.recordLength());
            }
        }
    }
}
