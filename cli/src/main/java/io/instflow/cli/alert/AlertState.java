package io.instflow.cli.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What an alerter has done, kept in a file so a restart neither repeats nor skips an alert: the
 * next offset to read per partition and the ids of the most recent signals sent (a signal id is
 * deterministic, so a signal written again after a job's replay is still recognised).
 */
public final class AlertState {

    static final int REMEMBERED_IDS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<Integer, Long> offsets = new TreeMap<>();
    private final LinkedHashSet<String> sent = new LinkedHashSet<>();

    private AlertState(Path file) {
        this.file = file;
    }

    /** The state in {@code file}, or an empty one when the file does not exist yet. */
    public static AlertState load(Path file) {
        AlertState state = new AlertState(file);
        if (!Files.exists(file)) {
            return state;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            root.path("offsets")
                    .fields()
                    .forEachRemaining(
                            e -> state.offsets.put(Integer.parseInt(e.getKey()), offset(e)));
            root.path("sent").forEach(id -> state.sent.add(id.asText()));
            return state;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "alert state "
                            + file
                            + " is not an alerter's state ("
                            + e.getMessage()
                            + "); move it away to start again from the topic's end",
                    e);
        }
    }

    private static long offset(Map.Entry<String, JsonNode> e) {
        if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0) {
            throw new IllegalArgumentException(
                    "partition " + e.getKey() + " has offset " + e.getValue());
        }
        return e.getValue().asLong();
    }

    public Path file() {
        return file;
    }

    public boolean isNew() {
        return offsets.isEmpty();
    }

    public OptionalLong offset(int partition) {
        Long o = offsets.get(partition);
        return o == null ? OptionalLong.empty() : OptionalLong.of(o);
    }

    public void advance(int partition, long nextOffset) {
        offsets.put(partition, nextOffset);
    }

    public boolean wasSent(String signalId) {
        return sent.contains(signalId);
    }

    public void markSent(String signalId) {
        sent.add(signalId);
        Iterator<String> oldest = sent.iterator();
        while (sent.size() > REMEMBERED_IDS) {
            oldest.next();
            oldest.remove();
        }
    }

    public java.util.Set<String> sent() {
        return Collections.unmodifiableSet(sent);
    }

    /** Writes the state atomically: a crash leaves the previous state or this one. */
    public void save() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode o = root.putObject("offsets");
        offsets.forEach((p, offset) -> o.put(Integer.toString(p), offset));
        var ids = root.putArray("sent");
        sent.forEach(ids::add);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(temp, root.toString());
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write alert state " + file, e);
        }
    }
}
