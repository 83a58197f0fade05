package io.instflow.testing;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Architecture rules about the text a program writes, for each module's architecture test. */
public final class TextRules {

    /**
     * Text a program writes (dead-letter reasons, rejection reasons, messages) is the same on every
     * machine: a format names its locale, since the default one writes "0,367" under a German
     * locale where others write "0.367".
     */
    public static final ArchRule FORMATS_NAME_THEIR_LOCALE =
            noClasses()
                    .should()
                    .callMethod(String.class, "format", String.class, Object[].class)
                    .orShould()
                    .callMethod(String.class, "formatted", Object[].class)
                    .because(
                            "output must not depend on the machine's locale: use"
                                    + " String.format(Locale.ROOT, ...)");

    private TextRules() {}
}
