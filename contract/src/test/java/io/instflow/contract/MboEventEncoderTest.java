package io.instflow.contract;

import io.instflow.avro.BookSide;
import io.instflow.avro.MboAction;
import io.instflow.avro.MboEvent;
import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.dbn.record.MboEncoder;
import io.instflow.schemas.AvroSerde;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The direct encoder writes exactly the bytes Avro's own single-object encoder writes. */
class MboEventEncoderTest {

    @Test
    void shouldWriteTheSameBytesAsAvro() {
        AvroSerde<MboEvent> avro = AvroSerde.of(MboEvent.class);
        MboEventEncoder encoder = new MboEventEncoder("GLBX.MDP3");
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        MboDecoder decoder = new MboDecoder();
        SplittableRandom random = new SplittableRandom(9);
        String actions = "ACMRTFNX";
        String sides = "BAN?";
        for (int i = 0; i < 20_000; i++) {
            long price =
                    switch (i % 5) {
                        case 0 -> DbnConstants.UNDEF_PRICE;
                        case 1 -> -random.nextLong(1_000_000_000_000L);
                        default -> random.nextLong();
                    };
            boolean tsOut = i % 3 == 0;
            new MboEncoder()
                    .wrap(buffer, 0)
                    .publisherId(random.nextInt(65536))
                    .instrumentId(random.nextLong(1L << 32))
                    .tsEvent(random.nextLong())
                    .orderId(i % 7 == 0 ? -1L : random.nextLong())
                    .price(price)
                    .size(random.nextLong(1L << 32))
                    .flags(random.nextInt(256))
                    .channelId(random.nextInt(256))
                    .action((byte) actions.charAt(i % actions.length()))
                    .side((byte) sides.charAt(i % sides.length()))
                    .tsRecv(random.nextLong())
                    .tsInDelta(random.nextInt())
                    .sequence(random.nextLong(1L << 32));
            if (tsOut) {
                buffer.putByte(0, (byte) 16);
                buffer.putLong(56, random.nextLong(), java.nio.ByteOrder.LITTLE_ENDIAN);
            }
            decoder.wrap(buffer, 0);
            byte[] expected = avro.serialize(mbo(decoder, "GLBX.MDP3", tsOut, new MboEvent()));
            assertThat(encoder.encode(decoder, tsOut)).as("record %d", i).isEqualTo(expected);
        }
    }

    /** The same record through Avro's generated class: the reference the encoder must match. */
    private static MboEvent mbo(MboDecoder r, String dataset, boolean tsOut, MboEvent out) {
        out.setDataset(dataset);
        out.setPublisherId(r.publisherId());
        out.setInstrumentId(r.instrumentId());
        out.setTsEvent(r.tsEvent());
        out.setTsRecv(r.tsRecv());
        out.setTsInDelta(r.tsInDelta());
        out.setOrderId(r.orderId());
        out.setPrice(r.price() == DbnConstants.UNDEF_PRICE ? null : r.price());
        out.setSize(r.size());
        int action = "ACMRTFN".indexOf(r.action());
        out.setAction(action < 0 ? MboAction.UNKNOWN : MboAction.values()[action]);
        out.setSide(
                r.side() == 'B' ? BookSide.BID : r.side() == 'A' ? BookSide.ASK : BookSide.NONE);
        out.setFlags(r.flags());
        out.setChannelId(r.channelId());
        out.setSequence(r.sequence());
        out.setTsOut(tsOut ? r.tsOut() : null);
        return out;
    }
}
