package io.instflow.contract;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The contract is shared by the connector service (no Flink on its classpath) and the jobs: Flink
 * appears only in its {@code flink} package, and it depends on no program that uses it.
 */
@AnalyzeClasses(
        packages = "io.instflow.contract",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule FLINK_ONLY_IN_ITS_PACKAGE =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("..contract.flink..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.apache.flink..");

    @ArchTest
    static final ArchRule DEPENDS_ONLY_DOWNHILL =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.instflow.ingest..",
                            "io.instflow.ifd..",
                            "io.instflow.shadow..",
                            "io.instflow.cli..",
                            "io.instflow.dashboard..",
                            "io.instflow.databento..",
                            "io.instflow.barchart..");
}
