package com.acme.goals.contracts;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The published language is plain Java: every service and every partner can read it without our frameworks. */
@AnalyzeClasses(packages = "com.acme.goals.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule contracts_use_nothing_but_the_jdk = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage("com.acme.goals.contracts..", "java..");
}
