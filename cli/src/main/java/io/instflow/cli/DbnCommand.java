package io.instflow.cli;

import picocli.CommandLine.Command;

/** {@code instflow dbn}: tools for Databento DBN files. */
@Command(
        name = "dbn",
        mixinStandardHelpOptions = true,
        description =
                "Inspect and print Databento DBN files (plain or .zst, v1 to v3, with or without metadata).",
        subcommands = {DbnInspectCommand.class, DbnCatCommand.class})
final class DbnCommand {}
