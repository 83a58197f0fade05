package io.instflow.shadow;

import io.instflow.testing.TextRules;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The comparison job: plain logic, no package cycles, nothing of the connectors. */
@AnalyzeClasses(
        packages = "io.instflow.shadow",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule LOGIC_IS_PLAIN_JAVA =
            noClasses()
                    .that()
                    .resideInAPackage("..shadow.logic..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.apache.flink..", "org.apache.kafka..");

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("io.instflow.shadow.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule NO_CONNECTOR_CLASSES =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.instflow.ingest..",
                            "io.instflow.databento..",
                            "io.instflow.barchart..",
                            "com.github.luben.zstd..");

    @ArchTest static final ArchRule FORMATS_NAME_THEIR_LOCALE = TextRules.FORMATS_NAME_THEIR_LOCALE;
}
