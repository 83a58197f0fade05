package io.instflow.ifd.io;

import io.instflow.avro.MboEvent;
import io.instflow.contract.flink.ValueGuard;
import io.instflow.ifd.logic.EventTimeGuard;

import java.util.HashMap;
import java.util.Map;

/**
 * The MBO source's {@link EventTimeGuard}: remembers the latest accepted ts_event of each partition
 * its reader consumes. That memory is not checkpointed: after a restore the partition rule starts
 * afresh, while the other rules (before the data begins, ahead of ts_recv, ahead of the wall clock)
 * judge every record the same way.
 */
public final class MboTimeGuard implements ValueGuard<MboEvent> {

    private static final long serialVersionUID = 1L;

    private final EventTimeGuard guard;
    private transient Map<Integer, long[]> latest;

    public MboTimeGuard(EventTimeGuard guard) {
        this.guard = guard;
    }

    @Override
    public String reject(MboEvent e, int partition) {
        if (latest == null) {
            latest = new HashMap<>();
        }
        long[] seen = latest.computeIfAbsent(partition, p -> new long[] {Long.MIN_VALUE});
        String reason =
                guard.reject(
                        e.getTsEvent(),
                        e.getTsRecv(),
                        seen[0],
                        System.currentTimeMillis() * 1_000_000L);
        if (reason == null) {
            seen[0] = Math.max(seen[0], e.getTsEvent());
        }
        return reason;
    }
}
