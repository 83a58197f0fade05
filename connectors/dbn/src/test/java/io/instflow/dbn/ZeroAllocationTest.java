package io.instflow.dbn;

import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The MBO decode loops allocate nothing per record once warmed up. */
class ZeroAllocationTest {

    private static final int RECORDS = 200_000;

    private static final class Sum implements RecordHandler {
        long total;

        @Override
        public void onMbo(MboDecoder r) {
            total +=
                    r.price()
                            + r.size()
                            + r.orderId()
                            + r.tsRecv()
                            + r.action()
                            + r.side()
                            + r.flags();
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Test
    void shouldNotAllocateWhenScanningInMemoryRecords() {
        UnsafeBuffer buffer = new UnsafeBuffer(TestRecords.mboRecords(RECORDS, false));
        Sum sum = new Sum();
        RecordDispatcher dispatcher = new RecordDispatcher(sum);
        for (int i = 0; i < 20; i++) {
            RecordScanner.scan(buffer, 0, buffer.capacity(), dispatcher);
        }
        long before = allocatedBytes();
        long records = RecordScanner.scan(buffer, 0, buffer.capacity(), dispatcher);
        long allocated = allocatedBytes() - before;
        assertThat(records).isEqualTo(RECORDS);
        assertThat(sum.total).isNotZero();
        assertThat(allocated).as("bytes allocated for %d records", RECORDS).isLessThan(1024);
    }

    @Test
    void shouldNotAllocatePerRecordWhenReadingAStream() {
        byte[] stream =
                TestRecords.concat(
                        MetadataCodec.encode(TestRecords.mboMetadata(false)),
                        TestRecords.mboRecords(RECORDS, false));
        Sum sum = new Sum();
        for (int i = 0; i < 10; i++) {
            readStream(stream, sum);
        }
        try (DbnReader reader = DbnReader.of(new ByteArrayInputStream(stream), false, "memory")) {
            reader.metadata();
            RecordDispatcher dispatcher = new RecordDispatcher(sum);
            long before = allocatedBytes();
            long records = 0;
            while (reader.nextRecord()) {
                dispatcher.dispatch(reader.buffer(), reader.recordOffset(), reader.recordLength());
                records++;
            }
            long allocated = allocatedBytes() - before;
            assertThat(records).isEqualTo(RECORDS);
            assertThat(allocated)
                    .as("bytes allocated for %d records", RECORDS)
                    .isLessThan(RECORDS / 10);
        }
    }

    private static void readStream(byte[] stream, Sum sum) {
        try (DbnReader reader = DbnReader.of(new ByteArrayInputStream(stream), false, "memory")) {
            reader.readAll(sum);
        }
    }
}
