package io.instflow.ifd.io;

import io.instflow.avro.MboEvent;
import io.instflow.contract.flink.ValueGuard;
import io.instflow.ifd.logic.EventTimeGuard;

import java.util.Arrays;

/**
 * The MBO source's {@link EventTimeGuard}: remembers the latest accepted ts_event of each partition
 * its reader consumes. That memory is not checkpointed: after a restore the partition rule starts
 * afresh, while the other rules (before the data begins, ahead of ts_recv, ahead of the wall clock)
 * judge every record the same way.
 */
public final class MboTimeGuard implements ValueGuard<MboEvent> {

    private static final long serialVersionUID = 1L;

    private final EventTimeGuard guard;

    /** Latest accepted ts_event by partition number; grown as partitions appear. */
    private transient long[] latest;

    public MboTimeGuard(EventTimeGuard guard) {
        this.guard = guard;
    }

    @Override
    public String reject(MboEvent e, int partition) {
        if (latest == null || partition >= latest.length) {
            int old = latest == null ? 0 : latest.length;
            latest =
                    latest == null ? new long[partition + 1] : Arrays.copyOf(latest, partition + 1);
            Arrays.fill(latest, old, latest.length, Long.MIN_VALUE);
        }
        String reason =
                guard.reject(
                        e.getTsEvent(),
                        e.getTsRecv(),
                        latest[partition],
                        System.currentTimeMillis() * 1_000_000L);
        if (reason == null) {
            latest[partition] = Math.max(latest[partition], e.getTsEvent());
        }
        return reason;
    }
}
