package io.instflow.dashboard;

import io.instflow.testing.TextRules;

import org.junit.jupiter.api.Test;

/** The text the dashboard writes is the same on every machine: every format names its locale. */
class FormatsTest {

    @Test
    void shouldNameTheLocaleOfEveryFormat() {
        TextRules.checkFormats("io.instflow.dashboard");
    }
}
