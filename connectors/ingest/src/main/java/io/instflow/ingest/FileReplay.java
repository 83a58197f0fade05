package io.instflow.ingest;

import io.instflow.avro.FeedStatusKind;
import io.instflow.dbn.DbnFormatException;
import io.instflow.dbn.IndexTimestamp;
import io.instflow.dbn.Metadata;
import io.instflow.dbn.RecordDispatcher;
import io.instflow.dbn.Schema;
import io.instflow.dbn.io.DbnReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays DBN files (plain or zstd) into Kafka: definition files first, so definitions are
 * published before the records that need them, then every other file merged by index timestamp
 * (ts_recv), as fast as possible or paced at N times real time. A file that turns out corrupt is
 * reported on the status topic, its undecodable bytes go to the dead-letter topic, and the other
 * files go on.
 */
public final class FileReplay {

    private static final Logger LOG = LoggerFactory.getLogger(FileReplay.class);
    private static final String SOURCE = "file";

    /** Dead-letter chunks stay well under the producer's and broker's 1 MiB record limit. */
    private static final int DEAD_LETTER_MAX_BYTES = 512 * 1024;

    /**
     * Callback for progress: records so far, index time of the last one, the share of the files'
     * bytes read (0 to 1), and whether done.
     */
    public interface Progress {
        void update(long records, long indexTs, double share, boolean done);

        Progress NONE = (records, indexTs, share, done) -> {};
    }

    /** What a replay did. */
    public record Result(
            long records,
            long mboRecords,
            long definitions,
            Map<String, Long> skipped,
            List<String> failures) {}

    private final List<Path> files;
    private final double speed;
    private final Progress progress;

    /**
     * @param speed 0 for as fast as possible, else the multiple of real time (1 = real time)
     */
    public FileReplay(List<Path> files, double speed, Progress progress) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to replay");
        }
        if (speed < 0) {
            throw new IllegalArgumentException(
                    "--speed must be 0 (as fast as possible) or positive, got " + speed);
        }
        this.files = List.copyOf(files);
        this.speed = speed;
        this.progress = progress;
    }

    public Result run(KafkaPublisher publisher) {
        List<Source> sources = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, Long> skipped = new LinkedHashMap<>();
        publisher.status(
                publisher
                        .statusEvent(
                                SOURCE,
                                FeedStatusKind.STREAMING,
                                "replaying " + files.size() + " file(s): " + files)
                        .build());
        List<Source> opened = new ArrayList<>();
        for (Path file : files) {
            try {
                opened.add(Source.open(file, publisher));
            } catch (DbnFormatException | java.io.UncheckedIOException e) {
                refuse(file, e.getMessage(), publisher, failures);
            }
        }
        for (Source source : opened) {
            if (source.definitions) {
                replayAlone(source, publisher, failures);
                merge(skipped, source.handler.skipped());
            } else {
                sources.add(source);
            }
        }
        publisher.flush();
        long records = mergeByTime(sources, publisher, failures);
        for (Source source : sources) {
            merge(skipped, source.handler.skipped());
        }
        publisher.flush();
        progress.update(records, 0, 1, true);
        publisher.status(
                publisher
                        .statusEvent(
                                SOURCE,
                                failures.isEmpty()
                                        ? FeedStatusKind.END_OF_STREAM
                                        : FeedStatusKind.ERROR,
                                "replay finished: "
                                        + publisher.mboRecords()
                                        + " MBO records, "
                                        + publisher.definitions()
                                        + " definitions"
                                        + (skipped.isEmpty()
                                                ? ""
                                                : ", not published (no topic for their type): "
                                                        + skipped)
                                        + (failures.isEmpty() ? "" : ", failed: " + failures))
                        .build());
        return new Result(
                records, publisher.mboRecords(), publisher.definitions(), skipped, failures);
    }

    /** Bytes read from the files so far over their sizes. */
    private static double shareRead(List<Source> sources) {
        long read = 0;
        long size = 0;
        for (Source source : sources) {
            read += source.bytes.count();
            size += source.size;
        }
        return size == 0 ? 0 : Math.min(1, read / (double) size);
    }

    private void replayAlone(Source source, KafkaPublisher publisher, List<String> failures) {
        try (DbnReader reader = source.reader) {
            while (reader.nextRecord()) {
                source.dispatcher.dispatch(
                        reader.buffer(), reader.recordOffset(), reader.recordLength());
            }
        } catch (DbnFormatException e) {
            fail(source, e, publisher, failures);
        }
    }

    private long mergeByTime(
            List<Source> sources, KafkaPublisher publisher, List<String> failures) {
        List<Source> live = new ArrayList<>();
        for (Source source : sources) {
            if (advance(source, publisher, failures)) {
                live.add(source);
            }
        }
        long records = 0;
        long firstTs = -1;
        long wallStart = System.nanoTime();
        long lastReport = wallStart;
        while (!live.isEmpty()) {
            Source next = live.get(0);
            for (int i = 1; i < live.size(); i++) {
                if (Long.compareUnsigned(live.get(i).indexTs, next.indexTs) < 0) {
                    next = live.get(i);
                }
            }
            if (speed > 0) {
                if (firstTs < 0) {
                    firstTs = next.indexTs;
                }
                pace(wallStart, next.indexTs - firstTs);
            }
            DbnReader reader = next.reader;
            next.dispatcher.dispatch(reader.buffer(), reader.recordOffset(), reader.recordLength());
            records++;
            long ts = next.indexTs;
            if (!advance(next, publisher, failures)) {
                live.remove(next);
            }
            if ((records & 0xFFF) == 0) {
                long now = System.nanoTime();
                if (now - lastReport > 250_000_000L) {
                    progress.update(records, ts, shareRead(sources), false);
                    lastReport = now;
                }
            }
        }
        return records;
    }

    /** Frames the source's next record; false at its end or when it failed. */
    private boolean advance(Source source, KafkaPublisher publisher, List<String> failures) {
        try {
            if (source.reader.nextRecord()) {
                source.indexTs =
                        IndexTimestamp.of(source.reader.buffer(), source.reader.recordOffset());
                return true;
            }
        } catch (DbnFormatException e) {
            fail(source, e, publisher, failures);
        }
        source.reader.close();
        return false;
    }

    private void pace(long wallStart, long sinceFirstNs) {
        long due = wallStart + (long) (sinceFirstNs / speed);
        long wait = due - System.nanoTime();
        if (wait > 1_000_000L) {
            LockSupport.parkNanos(wait);
        }
    }

    /**
     * A record that cannot be framed: everything from it to the file's end goes to the dead-letter
     * topic in chunks, each with its offset; the other files go on.
     */
    private static void fail(
            Source source, DbnFormatException e, KafkaPublisher publisher, List<String> failures) {
        long at = source.reader.bytesConsumed();
        long[] chunks = new long[1];
        long drained =
                source.reader.drainUnframed(
                        DEAD_LETTER_MAX_BYTES,
                        (offset, chunk) -> {
                            chunks[0]++;
                            publisher.deadLetter(
                                    chunk, e.getMessage(), source.file.toString(), offset);
                        });
        String message =
                String.format(
                        Locale.ROOT,
                        "%s; the %,d bytes from offset %,d to the end of the file went to the"
                                + " dead-letter topic in %d chunk(s)",
                        e.getMessage(),
                        drained,
                        at,
                        chunks[0]);
        LOG.error("abandoning {}: {}", source.file, message);
        publisher.status(publisher.statusEvent(SOURCE, FeedStatusKind.ERROR, message).build());
        failures.add(source.file + ": " + message);
    }

    /** A file that cannot be opened as DBN: reported, and the others published. */
    private static void refuse(
            Path file, String reason, KafkaPublisher publisher, List<String> failures) {
        String message = file + " not replayed: " + reason;
        LOG.error(message);
        publisher.status(publisher.statusEvent(SOURCE, FeedStatusKind.ERROR, message).build());
        failures.add(message);
    }

    private static void merge(Map<String, Long> into, Map<String, Long> from) {
        from.forEach((k, v) -> into.merge(k, v, Long::sum));
    }

    /** One open file with its own decoder and handler. */
    private static final class Source {
        final Path file;
        final DbnReader reader;
        final RecordDispatcher dispatcher;
        final MarketDataHandler handler;
        final boolean definitions;
        final ByteCount bytes;
        final long size;
        long indexTs;

        private Source(
                Path file,
                DbnReader reader,
                MarketDataHandler handler,
                boolean definitions,
                ByteCount bytes,
                long size) {
            this.file = file;
            this.reader = reader;
            this.bytes = bytes;
            this.size = size;
            this.handler = handler;
            this.dispatcher = new RecordDispatcher(handler);
            this.definitions = definitions;
        }

        static Source open(Path file, KafkaPublisher publisher) {
            ByteCount bytes = new ByteCount();
            DbnReader reader = DbnReader.open(file, in -> bytes.counting(in));
            Metadata metadata = reader.metadata();
            boolean tsOut = metadata != null && metadata.tsOut();
            boolean definitions = metadata != null && metadata.schemaId() == Schema.DEFINITION.id();
            return new Source(
                    file,
                    reader,
                    new MarketDataHandler(publisher, tsOut, file.toString()),
                    definitions,
                    bytes,
                    size(file));
        }

        private static long size(Path file) {
            try {
                return java.nio.file.Files.size(file);
            } catch (java.io.IOException e) {
                return 0;
            }
        }
    }
}
