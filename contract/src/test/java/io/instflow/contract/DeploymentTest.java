package io.instflow.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentTest {

    @Test
    void shouldNameAnIfdJobByProfileAndPrefix() {
        assertThat(Deployment.ifd("production", "").name()).isEqualTo("ifd-production");
        assertThat(Deployment.ifd("production", "prod.").name()).isEqualTo("ifd-production-prod");
        assertThat(Deployment.ifd("testing", "shadow").name()).isEqualTo("ifd-testing-shadow");
        assertThat(Deployment.ifd("My_Profile", "a.b.").name()).isEqualTo("ifd-my-profile-a-b");
    }

    @Test
    void shouldGiveTwoDeploymentsOfOneProfileDifferentNames() {
        assertThat(Deployment.ifd("production", ""))
                .isNotEqualTo(Deployment.ifd("production", "shadow."));
    }

    @Test
    void shouldDeriveUidsAndTransactionalIdsFromTheName() {
        Deployment d = Deployment.ifd("production", "shadow.");
        assertThat(d.uid("book")).isEqualTo("ifd-production-shadow-book");
        assertThat(d.transactionalIdPrefix("shadow.ifd.signals"))
                .isEqualTo("ifd-production-shadow-shadow-ifd-signals");
        assertThat(Deployment.comparison("", "shadow.").name()).isEqualTo("shadow-compare-shadow");
        assertThat(Deployment.strategies("", "").name()).isEqualTo("strategies");
        assertThat(Deployment.strategies("shadow.", "shadow.").name())
                .isEqualTo("strategies-shadow");
        assertThat(Deployment.strategies("prod.", "paper.").name())
                .isEqualTo("strategies-prod-paper");
    }

    @Test
    void shouldRejectNamesKafkaAndFlinkWouldMangle() {
        assertThatThrownBy(() -> new Deployment("ifd production"))
                .hasMessageContaining("ifd production");
    }
}
