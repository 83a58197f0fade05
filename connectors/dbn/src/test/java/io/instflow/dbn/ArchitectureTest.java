package io.instflow.dbn;

import io.instflow.testing.TextRules;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The codec stays a plain library: no Flink and no Kafka inside it. */
@AnalyzeClasses(packages = "io.instflow.dbn", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_FLINK_OR_KAFKA =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.apache.flink..", "org.apache.kafka..");

    @ArchTest
    static final ArchRule DECODERS_DO_NOT_DEPEND_ON_IO =
            noClasses()
                    .that()
                    .resideInAPackage("..dbn.record..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("..dbn.io..", "..dbn.json..");

    @ArchTest static final ArchRule FORMATS_NAME_THEIR_LOCALE = TextRules.FORMATS_NAME_THEIR_LOCALE;
}
