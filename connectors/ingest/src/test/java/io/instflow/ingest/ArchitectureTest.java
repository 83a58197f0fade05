package io.instflow.ingest;

import io.instflow.testing.TextRules;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The connector service runs without Flink, knows no job, and its packages form no cycle. */
@AnalyzeClasses(
        packages = "io.instflow.ingest",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_FLINK_NO_JOBS =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.apache.flink..",
                            "io.instflow.ifd..",
                            "io.instflow.shadow..",
                            "io.instflow.cli..",
                            "io.instflow.contract.flink..");

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("io.instflow.ingest.(*)..").should().beFreeOfCycles();

    @ArchTest static final ArchRule FORMATS_NAME_THEIR_LOCALE = TextRules.FORMATS_NAME_THEIR_LOCALE;
}
