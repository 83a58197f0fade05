package io.instflow.simulator;

import io.instflow.testing.TextRules;

import org.junit.jupiter.api.Test;

/** The simulator's file names and messages are the same on every machine. */
class FormatsTest {

    @Test
    void shouldNameTheLocaleOfEveryFormat() {
        TextRules.checkFormats("io.instflow.simulator");
    }
}
