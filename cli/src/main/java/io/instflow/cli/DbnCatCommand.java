package io.instflow.cli;

import io.instflow.dbn.Metadata;
import io.instflow.dbn.RecordDispatcher;
import io.instflow.dbn.SymbolMap;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.json.DbnJsonWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code instflow dbn cat FILE [--pretty] [--limit N]}: records as Databento JSON lines. */
@Command(
        name = "cat",
        mixinStandardHelpOptions = true,
        description = "Print records as JSON lines in Databento's JSON encoding.")
final class DbnCatCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description =
                    "DBN file (.dbn, .dbn.zst; .frag for records without metadata); - reads"
                            + " standard input")
    Path file;

    @Option(
            names = "--pretty",
            description = "ISO timestamps, decimal prices and the resolved symbol.")
    boolean pretty;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Stop after N records (default: all).")
    long limit = Long.MAX_VALUE;

    @Mixin DbnInputOutput io;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--limit must be 0 or more, got " + limit);
        }
        PrintWriter out = io.writer(spec);
        try (DbnReader reader = DbnInputOutput.open(file)) {
            Metadata metadata = reader.metadata();
            boolean tsOut = metadata != null && metadata.tsOut();
            DbnJsonWriter writer =
                    new DbnJsonWriter(out, pretty, tsOut, SymbolMap.fromMetadata(metadata));
            RecordDispatcher dispatcher = new RecordDispatcher(writer);
            for (long n = 0; n < limit && reader.nextRecord(); n++) {
                dispatcher.dispatch(reader.buffer(), reader.recordOffset(), reader.recordLength());
            }
            writer.close();
            io.finish(out);
        }
        return 0;
    }
}
