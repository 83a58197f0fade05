package io.instflow.ifd;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The detector's logic is plain Java: no Flink and no Kafka in it. */
@AnalyzeClasses(packages = "io.instflow.ifd", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule LOGIC_IS_PLAIN_JAVA = noClasses().that().resideInAPackage("..ifd.logic..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "org.apache.kafka..");
}
