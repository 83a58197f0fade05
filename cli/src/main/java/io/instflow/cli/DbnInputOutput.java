package io.instflow.cli;

import io.instflow.dbn.io.DbnReader;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a {@code dbn} command reads and writes, as Unix tools do: {@code -} for standard input,
 * {@code -o FILE} for a file instead of standard output.
 */
final class DbnInputOutput {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write to FILE instead of standard output.")
    Path output;

    /** The reader of {@code file}, or of standard input when it is {@code -}. */
    static DbnReader open(Path file) {
        return file.toString().equals("-")
                ? DbnReader.of(System.in, false, "standard input")
                : DbnReader.open(file);
    }

    /** The command's standard output, or the {@code -o} file; the caller closes it. */
    PrintWriter writer(CommandSpec spec) {
        if (output == null) {
            return spec.commandLine().getOut();
        }
        try {
            return new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    /** Closes an {@code -o} file; standard output is only flushed. */
    void finish(PrintWriter writer) {
        if (output == null) {
            writer.flush();
        } else {
            writer.close();
            if (writer.checkError()) {
                throw new UncheckedIOException(new IOException("could not write all of " + output));
            }
        }
    }
}
