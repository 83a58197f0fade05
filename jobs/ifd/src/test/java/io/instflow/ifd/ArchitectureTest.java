package io.instflow.ifd;

import io.instflow.testing.TextRules;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The job's layering: plain logic under thin Flink functions, the data model at the bottom, no
 * package cycles, and nothing of the connectors (they publish to Kafka; the job reads Kafka).
 */
@AnalyzeClasses(packages = "io.instflow.ifd", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule LOGIC_IS_PLAIN_JAVA =
            noClasses()
                    .that()
                    .resideInAnyPackage("..ifd.logic..", "..ifd.model..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.apache.flink..", "org.apache.kafka..");

    @ArchTest
    static final ArchRule MODEL_IS_THE_BOTTOM =
            noClasses()
                    .that()
                    .resideInAPackage("..ifd.model..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("..ifd.logic..", "..ifd.functions..", "..ifd.io..");

    @ArchTest
    static final ArchRule LOGIC_KNOWS_NO_ADAPTERS =
            noClasses()
                    .that()
                    .resideInAPackage("..ifd.logic..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("..ifd.functions..", "..ifd.io..");

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("io.instflow.ifd.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule NO_CONNECTOR_CLASSES =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.instflow.ingest..",
                            "io.instflow.databento..",
                            "io.instflow.barchart..",
                            "io.instflow.simulator..",
                            "com.github.luben.zstd..");

    @ArchTest static final ArchRule FORMATS_NAME_THEIR_LOCALE = TextRules.FORMATS_NAME_THEIR_LOCALE;
}
