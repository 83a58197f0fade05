package io.instflow.bench;

import io.instflow.dbn.Flags;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.dbn.record.MboEncoder;

import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;

/**
 * Fills buffers with plausible NQ MBO records (rising timestamps, a random-walk price on a 0.25
 * tick, mixed actions and sides), so compression ratios resemble real sessions.
 */
final class SyntheticMbo {

    static final long T0 = 1_763_991_000_000_000_000L;

    private final MboEncoder encoder = new MboEncoder();
    private final SplittableRandom random;
    private long ts = T0;
    private long sequence;
    private long orderId = 6_412_615_788_747L;
    private long price = 25_000_000_000_000L;

    SyntheticMbo(long seed) {
        random = new SplittableRandom(seed);
    }

    /** Writes {@code count} records from {@code offset}; returns the end offset. */
    int fill(MutableDirectBuffer buffer, int offset, int count) {
        int position = offset;
        for (int i = 0; i < count; i++) {
            ts += random.nextInt(200_000);
            price += (random.nextInt(3) - 1) * 250_000_000L;
            int kind = random.nextInt(10);
            byte action =
                    kind < 4
                            ? (byte) 'A'
                            : kind < 8 ? (byte) 'C' : kind < 9 ? (byte) 'M' : (byte) 'T';
            encoder.wrap(buffer, position)
                    .publisherId(1)
                    .instrumentId(42_140_878L + random.nextInt(4))
                    .tsEvent(ts)
                    .orderId(action == 'A' ? ++orderId : orderId - random.nextInt(500))
                    .price(price + random.nextInt(8) * 250_000_000L)
                    .size(1 + random.nextInt(20))
                    .flags(random.nextInt(4) == 0 ? 0 : Flags.LAST)
                    .channelId(5)
                    .action(action)
                    .side(random.nextBoolean() ? (byte) 'B' : (byte) 'A')
                    .tsRecv(ts + 300_000 + random.nextInt(5000))
                    .tsInDelta(15_000 + random.nextInt(10_000))
                    .sequence(++sequence);
            position += MboDecoder.LENGTH;
        }
        return position;
    }
}
