package io.instflow.testing;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.io.PrintStream;
import java.io.PrintWriter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Architecture rules about the text a program writes, for each module's architecture test. */
public final class TextRules {

    /**
     * Text a program writes (dead-letter reasons, rejection reasons, reports, messages) is the same
     * on every machine: a format names its locale, since the default one writes "0,367" under a
     * German locale where others write "0.367". This holds for {@code String.format} and for {@code
     * printf} and {@code format} on a print stream or writer.
     */
    public static final ArchRule FORMATS_NAME_THEIR_LOCALE =
            noClasses()
                    .should()
                    .callMethod(String.class, "format", String.class, Object[].class)
                    .orShould()
                    .callMethod(String.class, "formatted", Object[].class)
                    .orShould()
                    .callMethod(PrintWriter.class, "printf", String.class, Object[].class)
                    .orShould()
                    .callMethod(PrintWriter.class, "format", String.class, Object[].class)
                    .orShould()
                    .callMethod(PrintStream.class, "printf", String.class, Object[].class)
                    .orShould()
                    .callMethod(PrintStream.class, "format", String.class, Object[].class)
                    .because(
                            "output must not depend on the machine's locale: use"
                                    + " String.format(Locale.ROOT, ...) or printf(Locale.ROOT, ...)");

    private TextRules() {}

    /**
     * Checks {@link #FORMATS_NAME_THEIR_LOCALE} on the main classes of {@code pkg} and below, for a
     * module without an ArchUnit test engine.
     */
    public static void checkFormats(String pkg) {
        FORMATS_NAME_THEIR_LOCALE.check(
                new ClassFileImporter()
                        .withImportOption(new ImportOption.DoNotIncludeTests())
                        .importPackages(pkg));
    }
}
