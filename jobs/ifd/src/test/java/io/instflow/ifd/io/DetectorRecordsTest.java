package io.instflow.ifd.io;

import io.instflow.avro.Rejection;
import io.instflow.book.Aggressor;
import io.instflow.ifd.functions.PressureWindowFunctionTest;
import io.instflow.ifd.logic.Detector;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.WindowStats;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The detector's Avro records, field by field the same wherever the job runs. */
class DetectorRecordsTest {

    private static final long WINDOW_NS = 5 * 60_000_000_000L;
    private static final long START = 1_793_000_000_000_000_000L;

    @Test
    void shouldWriteARejectionsReasonTheSameWhateverTheTaskManagersLocale() {
        DetectorParams params = DetectorParams.exploratory();
        Detector.Verdict verdict =
                new Detector(params, WINDOW_NS)
                        .evaluate(List.of(oneSidedWindow()), Map.of())
                        .verdicts()
                        .get(0);
        DetectorRecords records = new DetectorRecords(params);
        Locale before = Locale.getDefault();
        Rejection underGerman;
        Rejection underRoot;
        try {
            Locale.setDefault(Locale.GERMANY);
            underGerman = records.rejection(verdict);
            Locale.setDefault(Locale.ROOT);
            underRoot = records.rejection(verdict);
        } finally {
            Locale.setDefault(before);
        }
        assertThat(underRoot.getReason().toString()).startsWith("failed ").contains("(final 0.");
        assertThat(underGerman.getReason().toString()).isEqualTo(underRoot.getReason().toString());
    }

    /** Twice as much bought as sold, in a contract without history: a candidate the gates fail. */
    private static ContractWindow oneSidedWindow() {
        ContractInfo c = PressureWindowFunctionTest.call();
        WindowStats s = new WindowStats();
        for (int i = 0; i < 20; i++) {
            s.addTrade(Aggressor.BUY, 2, 100_000_000_000L, 50);
            s.addTrade(Aggressor.SELL, 1, 100_000_000_000L, 50);
        }
        return new ContractWindow(c, START, START + WINDOW_NS, s);
    }
}
