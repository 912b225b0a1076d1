package com.acme.goals.crmlink;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "com.acme.goals.crmlink", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // CustomerLinking checks a goal in crm-link's own GoalDirectory before it links: command may read query here
    @ArchTest
    static final ArchRule the_domain_knows_nothing_of_web_or_messaging = noClasses()
            .that().resideInAPackage("..crmlink.command..")
            .should().dependOnClassesThat().resideInAnyPackage("..crmlink.web..", "..crmlink.messaging..",
                    "org.springframework.web..", "org.springframework.kafka..", "jakarta.servlet..", "com.mongodb..");

    @ArchTest
    static final ArchRule crm_link_service_does_not_reach_into_other_services = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("com.acme.goals.goal..", "com.acme.goals.report..",
                    "com.acme.goals.scoring..", "com.acme.goals.gateway..");
}
