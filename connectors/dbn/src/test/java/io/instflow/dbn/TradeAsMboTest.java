package io.instflow.dbn;

import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.dbn.record.TradeAsMbo;
import io.instflow.dbn.record.TradeDecoder;
import io.instflow.dbn.record.TradeEncoder;
import io.instflow.testing.SharedTestData;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A trades record becomes the MBO T record it stands for, field by field. */
class TradeAsMboTest {

    @Test
    void shouldCarryEveryFieldOfARealTradesFileIntoMboTRecords() {
        TradeAsMbo convert = new TradeAsMbo();
        List<long[]> trades = new ArrayList<>();
        List<long[]> mbo = new ArrayList<>();
        try (DbnReader reader =
                DbnReader.open(
                        SharedTestData.file(
                                "glbx/nautilus_trader/historical_bars_catalog/"
                                        + "futures_trades_2024-07-01T23-58_2024-07-02T00-02.dbn.zst"))) {
            reader.readAll(
                    new RecordHandler() {
                        @Override
                        public void onTrade(TradeDecoder t) {
                            trades.add(
                                    new long[] {
                                        t.instrumentId(),
                                        t.tsEvent(),
                                        t.price(),
                                        t.size(),
                                        t.side(),
                                        t.sequence()
                                    });
                            MboDecoder m = convert.of(t);
                            assertThat((char) m.action()).isEqualTo('T');
                            assertThat(m.orderId()).isZero();
                            assertThat(m.flags()).isEqualTo(t.flags());
                            assertThat(m.tsRecv()).isEqualTo(t.tsRecv());
                            assertThat(m.tsInDelta()).isEqualTo(t.tsInDelta());
                            mbo.add(
                                    new long[] {
                                        m.instrumentId(),
                                        m.tsEvent(),
                                        m.price(),
                                        m.size(),
                                        m.side(),
                                        m.sequence()
                                    });
                        }
                    });
        }
        assertThat(trades).as("the README: 120 trades").hasSize(120);
        assertThat(mbo).usingRecursiveComparison().isEqualTo(trades);
        assertThat(mbo.stream().mapToLong(r -> r[3]).sum()).as("total size").isEqualTo(253);
        assertThat(mbo.stream().filter(r -> r[4] == 'A').count()).as("sells").isEqualTo(54);
        assertThat(mbo.stream().filter(r -> r[4] == 'B').count()).as("buys").isEqualTo(66);
    }

    @Test
    void shouldReadBackWhatTheTradeEncoderWrote() {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(TradeDecoder.LENGTH);
        new TradeEncoder()
                .wrap(buffer, 0)
                .publisherId(1)
                .instrumentId(42_140_001L)
                .tsEvent(1_700_000_000_123_456_789L)
                .price(21_000_250_000_000L)
                .size(17)
                .side((byte) 'A')
                .flags(130)
                .tsRecv(1_700_000_000_123_999_999L)
                .tsInDelta(1234)
                .sequence(987_654L);
        MboDecoder m = new TradeAsMbo().of(new TradeDecoder().wrap(buffer, 0));
        assertThat(m.instrumentId()).isEqualTo(42_140_001L);
        assertThat(m.publisherId()).isEqualTo(1);
        assertThat(m.tsEvent()).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(m.price()).isEqualTo(21_000_250_000_000L);
        assertThat(m.size()).isEqualTo(17);
        assertThat((char) m.side()).isEqualTo('A');
        assertThat((char) m.action()).isEqualTo('T');
        assertThat(m.flags()).isEqualTo(130);
        assertThat(m.tsRecv()).isEqualTo(1_700_000_000_123_999_999L);
        assertThat(m.tsInDelta()).isEqualTo(1234);
        assertThat(m.sequence()).isEqualTo(987_654L);
    }
}
