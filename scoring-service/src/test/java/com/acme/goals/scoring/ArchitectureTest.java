package com.acme.goals.scoring;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "com.acme.goals.scoring", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_domain_knows_nothing_of_web_or_messaging = noClasses()
            .that().resideInAPackage("..scoring.command..")
            .should().dependOnClassesThat().resideInAnyPackage("..scoring.web..", "..scoring.messaging..", "..scoring.query..",
                    "org.springframework.web..", "org.springframework.kafka..", "jakarta.servlet..", "com.mongodb..");

    @ArchTest
    static final ArchRule scoring_service_does_not_reach_into_other_services = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("com.acme.goals.goal..", "com.acme.goals.report..",
                    "com.acme.goals.crmlink..", "com.acme.goals.gateway..");
}
