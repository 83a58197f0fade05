package io.instflow.ingest.failover;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The failover rules of spec/barchart.md §9 with an injected clock. */
class FailoverControllerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    private FailoverController controller;
    private Instant now;

    @BeforeEach
    void start() {
        now = T0;
        controller = new FailoverController(FailoverPolicy.defaults(), T0);
        controller.backupAvailable(true);
    }

    /**
     * Advances the clock second by second, the primary active when {@code active}; returns the
     * first switch.
     */
    private Optional<Transition> run(Duration d, boolean active) {
        Optional<Transition> first = Optional.empty();
        for (long s = 0; s < d.toSeconds(); s++) {
            now = now.plusSeconds(1);
            if (active) {
                controller.primaryActivity(now);
            }
            Optional<Transition> t = controller.evaluate(now);
            if (first.isEmpty()) {
                first = t;
            }
        }
        return first;
    }

    @Test
    void shouldFailOverAfterTheGracePeriodAtTheNextWindowBoundary() {
        assertThat(run(Duration.ofMinutes(1), true)).isEmpty();
        Optional<Transition> t = run(Duration.ofMinutes(3), false);
        assertThat(t)
                .hasValueSatisfying(
                        f -> {
                            assertThat(f.kind()).isEqualTo(Transition.Kind.FAILOVER);
                            assertThat(f.to()).isEqualTo(Transition.Source.BARCHART);
                            assertThat(Duration.between(T0.plusSeconds(60), f.at()))
                                    .as("silence limit + grace")
                                    .isEqualTo(Duration.ofSeconds(40 + 45));
                            assertThat(f.effectiveFrom())
                                    .isEqualTo(Instant.parse("2026-11-24T15:05:00Z"));
                            assertThat(f.reason())
                                    .contains("no record or heartbeat")
                                    .contains("grace 45 s");
                        });
        assertThat(controller.sourceFor(Instant.parse("2026-11-24T15:00:00Z")))
                .isEqualTo(Transition.Source.DATABENTO);
        assertThat(controller.sourceFor(Instant.parse("2026-11-24T15:05:00Z")))
                .isEqualTo(Transition.Source.BARCHART);
    }

    @Test
    void shouldFailOverAfterTheGracePeriodWhenThePrimaryNeverConnects() {
        controller.primaryConnected(false);
        Optional<Transition> t = run(Duration.ofMinutes(1), false);
        assertThat(t)
                .hasValueSatisfying(
                        f -> {
                            assertThat(Duration.between(T0.plusSeconds(1), f.at()))
                                    .as("grace, counted from the first look")
                                    .isEqualTo(Duration.ofSeconds(45));
                            assertThat(f.reason())
                                    .contains("primary not connected since the start");
                        });
    }

    @Test
    void shouldStayOnThePrimaryWhenTheBackupCannotServe() {
        controller.backupAvailable(false);
        assertThat(run(Duration.ofMinutes(5), false)).isEmpty();
        controller.backupAvailable(true);
        assertThat(run(Duration.ofSeconds(1), false))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(Transition.Kind.FAILOVER));
    }

    @Test
    void shouldFailBackOnlyAfterTheHoldPeriodWithTheReplayComplete() {
        controller.primaryConnected(false);
        assertThat(run(Duration.ofMinutes(2), false)).isPresent();
        controller.primaryConnected(true);
        controller.primaryReplayComplete(false);
        assertThat(run(Duration.ofMinutes(5), true)).as("replay still running").isEmpty();
        controller.primaryReplayComplete(true);
        assertThat(run(Duration.ofSeconds(30), true)).isPresent();

        start();
        controller.primaryConnected(false);
        run(Duration.ofMinutes(1), false);
        controller.primaryConnected(true);
        Instant back = now;
        assertThat(run(Duration.ofSeconds(60), true)).as("a blip resets the hold").isEmpty();
        run(Duration.ofSeconds(50), false);
        Instant stable = now;
        Optional<Transition> failback = run(Duration.ofMinutes(3), true);
        assertThat(failback)
                .hasValueSatisfying(
                        t -> {
                            assertThat(t.kind()).isEqualTo(Transition.Kind.FAILBACK);
                            assertThat(t.to()).isEqualTo(Transition.Source.DATABENTO);
                            assertThat(Duration.between(stable, t.at()))
                                    .as("hold counted from the first healthy second")
                                    .isEqualTo(Duration.ofMinutes(2).plusSeconds(1));
                            assertThat(t.effectiveFrom().toEpochMilli() % 300_000).isZero();
                        });
        assertThat(back).isBefore(stable);
    }

    @Test
    void shouldNotFailOverAgainSoonAfterAFailbackUnlessThePrimaryIsDown() {
        controller.primaryConnected(false);
        run(Duration.ofMinutes(1), false);
        controller.primaryConnected(true);
        assertThat(run(Duration.ofMinutes(3), true))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(Transition.Kind.FAILBACK));
        assertThat(run(Duration.ofMinutes(3), false))
                .as("slow, not down, inside the hysteresis")
                .isEmpty();
        controller.primaryConnected(false);
        assertThat(run(Duration.ofSeconds(1), false))
                .as("disconnected outright")
                .hasValueSatisfying(t -> assertThat(t.reason()).contains("primary disconnected"));
        assertThat(controller.transitions())
                .extracting(Transition::kind)
                .containsExactly(
                        Transition.Kind.FAILOVER,
                        Transition.Kind.FAILBACK,
                        Transition.Kind.FAILOVER);
    }
}
