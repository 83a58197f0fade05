package io.instflow.cli;

import io.instflow.simulator.Episode;
import io.instflow.simulator.SimulationResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the pipeline replays: DBN files and, for simulator output, the labelled episodes to score
 * the signals against (none for real data).
 */
record PipelineInput(List<Path> files, List<Episode> labels, String description) {

    static PipelineInput simulated(SimulationResult session, String description) {
        List<Path> files = new ArrayList<>();
        files.add(session.definitions());
        session.days().forEach(d -> files.add(d.file()));
        return new PipelineInput(files, session.episodes(), description);
    }

    /**
     * Every {@code .dbn} and {@code .dbn.zst} file in {@code dir}, with its {@code labels.json}
     * when present.
     */
    static PipelineInput directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "--input "
                            + dir
                            + " is not a directory; give the directory of "
                            + "'instflow simulate --out DIR' or one holding Databento DBN files");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files =
                    list.filter(p -> p.getFileName().toString().matches(".*\\.dbn(\\.zst)?$"))
                            .sorted()
                            .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "--input " + dir + " holds no .dbn or .dbn.zst files");
        }
        Path labels = dir.resolve("labels.json");
        List<Episode> episodes = Files.exists(labels) ? Episode.read(labels) : null;
        return new PipelineInput(files, episodes, files.size() + " DBN file(s) from " + dir);
    }

    /**
     * DBN files given one by one or as directories (each directory's {@code .dbn} and {@code
     * .dbn.zst} files, in name order); labels are not read.
     */
    static PipelineInput paths(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                files.addAll(directory(p).files());
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IllegalArgumentException(
                        "--input " + p + " does not exist; give DBN files or directories of them");
            }
        }
        return new PipelineInput(files, null, files.size() + " DBN file(s)");
    }

    /** Databento's live gateway: no files, no labels. */
    static PipelineInput live(List<String> symbols) {
        return new PipelineInput(List.of(), null, "Databento live " + String.join(",", symbols));
    }

    boolean labelled() {
        return labels != null;
    }
}
