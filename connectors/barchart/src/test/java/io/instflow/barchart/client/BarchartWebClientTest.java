package io.instflow.barchart.client;

import io.instflow.barchart.chain.ParsedChain;
import io.instflow.testing.SharedTestData;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The website client against a local server that reproduces Barchart's handshake and failure modes,
 * serving the real captures; time is a manual clock, so back-off steps of an hour take
 * milliseconds.
 */
class BarchartWebClientTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private ManualClock clock;
    private FakeBarchartSite site;

    @BeforeEach
    void start() throws Exception {
        clock = new ManualClock(Instant.parse("2025-06-27T19:06:05Z"));
        site = new FakeBarchartSite(clock);
        site.serve(
                "MQ4M25",
                SharedTestData.file(
                        "barchart/nq-options-trading-system/barchart_api_MQ4M25_140605.json"));
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private BarchartWebClient client(Optional<String> cookies) {
        WebConfig config = WebConfig.defaults().withBaseUrl(site.url()).withMinInterval(INTERVAL);
        return new BarchartWebClient(
                config,
                BarchartWebClient.defaultStrategies(cookies),
                clock,
                clock,
                new SplittableRandom(7));
    }

    @Test
    void shouldGetAChainWithHeadersAloneWhenTheSiteAllowsIt() throws Exception {
        site.headerOnlyAccepted = true;
        ParsedChain chain = client(Optional.empty()).chain("MQ4M25");
        assertThat(chain.rows()).hasSize(706);
        assertThat(site.handshakes()).isZero();
    }

    @Test
    void shouldFallBackToTheCookieHandshakeAndRememberIt() throws Exception {
        BarchartWebClient client = client(Optional.empty());
        assertThat(client.chain("MQ4M25").rows()).hasSize(706);
        assertThat(site.refusals()).as("header-only tried once").isEqualTo(1);
        assertThat(site.handshakes()).isEqualTo(1);
        client.chain("MQ4M25");
        assertThat(site.refusals()).as("the working strategy is remembered").isEqualTo(1);
        assertThat(site.handshakes()).isEqualTo(1);
    }

    @Test
    void shouldRefreshAnExpiredSessionOnce() throws Exception {
        BarchartWebClient client = client(Optional.empty());
        client.chain("MQ4M25");
        site.expireSessionsLeft = 1;
        assertThat(client.chain("MQ4M25").rows()).hasSize(706);
        assertThat(site.handshakes()).isEqualTo(2);
    }

    @Test
    void shouldBackOffFiveFifteenThirtyAndSixtyMinutesWhileBlocked() throws Exception {
        site.mode = FakeBarchartSite.Mode.CHALLENGE;
        BarchartWebClient client = client(Optional.of("laravel_session=outside; XSRF-TOKEN=abc"));
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BarchartException blocked = catchFailure(client);
            assertThat(blocked.kind()).isEqualTo(FailureKind.BLOCKED);
            assertThat(blocked.getMessage())
                    .contains("HTML page")
                    .doesNotContain("outside")
                    .doesNotContain("abc")
                    .doesNotContain(FakeBarchartSite.TOKEN);
            waits.add(blocked.retryAfter().toMinutes());
            int sent = site.apiRequests().size();
            BarchartException backedOff = catchFailure(client);
            assertThat(backedOff.kind()).isEqualTo(FailureKind.BACKED_OFF);
            assertThat(site.apiRequests()).as("nothing sent while backing off").hasSize(sent);
            clock.advance(blocked.retryAfter());
        }
        assertThat(waits).containsExactly(5L, 15L, 30L, 60L, 60L);

        site.mode = FakeBarchartSite.Mode.NORMAL;
        assertThat(client.chain("MQ4M25").rows()).hasSize(706);
        site.mode = FakeBarchartSite.Mode.CHALLENGE;
        assertThat(catchFailure(client).retryAfter())
                .as("one success resets the steps")
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldHonourRetryAfterOnRateLimits() throws Exception {
        site.headerOnlyAccepted = true;
        site.mode = FakeBarchartSite.Mode.RATE_LIMITED;
        BarchartWebClient client = client(Optional.empty());
        BarchartException limited = catchFailure(client);
        assertThat(limited.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(catchFailure(client).kind()).isEqualTo(FailureKind.BACKED_OFF);
        clock.advance(Duration.ofSeconds(30));
        site.mode = FakeBarchartSite.Mode.NORMAL;
        assertThat(client.chain("MQ4M25").rows()).hasSize(706);
    }

    @Test
    void shouldRetryServerErrorsOneTwoFourSecondsThenCallItUnavailable() throws Exception {
        site.headerOnlyAccepted = true;
        site.mode = FakeBarchartSite.Mode.ERRORS;
        site.errorsLeft = 2;
        BarchartWebClient client = client(Optional.empty());
        Instant before = clock.instant();
        assertThat(client.chain("MQ4M25").rows()).hasSize(706);
        assertThat(Duration.between(before, clock.instant()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(3));

        site.errorsLeft = 10;
        clock.advance(Duration.ofMinutes(1));
        BarchartException down = catchFailure(client);
        assertThat(down.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(down.getMessage()).contains("HTTP 503").contains("3 retries");
        assertThat(down.retryAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void shouldClassifyEmptyAndMalformedChains() throws Exception {
        site.headerOnlyAccepted = true;
        BarchartWebClient client = client(Optional.empty());
        assertThatThrownBy(() -> client.chain("MQ9Z25"))
                .isInstanceOfSatisfying(
                        BarchartException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.NOT_FOUND));
        assertThat(client.probe("MQ4M25")).isTrue();
        site.mode = FakeBarchartSite.Mode.MALFORMED;
        assertThatThrownBy(() -> client.chain("MQ4M25"))
                .isInstanceOfSatisfying(
                        BarchartException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.SCHEMA_DRIFT));
    }

    @Test
    void shouldNeverExceedItsRequestRateNorSendTwoAtOnce() throws Exception {
        site.headerOnlyAccepted = true;
        BarchartWebClient client = client(Optional.empty());
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(callers.submit(() -> client.chain("MQ4M25")));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            callers.shutdownNow();
        }
        List<Instant> sent = site.apiRequests();
        assertThat(sent).hasSize(12);
        assertThat(site.maxInFlight()).isEqualTo(1);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 1), sent.get(i)))
                    .as("gap before request %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis((long) (INTERVAL.toMillis() * 0.8)));
        }
    }

    @Test
    void shouldStopAtTheDailyBudget() throws Exception {
        site.headerOnlyAccepted = true;
        WebConfig config =
                WebConfig.defaults()
                        .withBaseUrl(site.url())
                        .withMinInterval(INTERVAL)
                        .withDailyCap(3);
        BarchartWebClient client =
                new BarchartWebClient(
                        config,
                        List.of(new HeaderOnlyAccess()),
                        clock,
                        clock,
                        new SplittableRandom(1));
        for (int i = 0; i < 3; i++) {
            client.chain("MQ4M25");
        }
        BarchartException spent = catchFailure(client);
        assertThat(spent.kind()).isEqualTo(FailureKind.BUDGET_EXHAUSTED);
        assertThat(site.apiRequests()).hasSize(3);
        clock.advance(Duration.ofDays(1));
        assertThat(client.chain("MQ4M25").rows()).hasSize(706);
    }

    private static BarchartException catchFailure(BarchartWebClient client)
            throws InterruptedException {
        try {
            client.chain("MQ4M25");
        } catch (BarchartException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
