package com.acme.goals.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shape every service has, written once. A service's {@code ArchitectureTest} calls {@code ServiceShape.of(
 * "com.acme.goals.<service>").brokenRules()}; the rules read the service's classes and everything in this repository they
 * reach (platform, the sales-team kernel, contracts), so a rule broken two calls away is still found.
 *
 * <ul>
 *   <li>{@code domain}: aggregates, their commands ({@code …Commands} holders of records), rules and the ports it
 *       reaches stores through. No web, messaging, Kafka, Jackson, Spring Security or MongoDB type, not even
 *       through another class.</li>
 *   <li>{@code application}: the use cases that coordinate the domain with stores and feeds.</li>
 *   <li>{@code readmodel}: projections and the queries over them.</li>
 *   <li>{@code web} and {@code messaging}: the adapters (HTTP in, Kafka in and out).</li>
 *   <li>{@code config}: Spring wiring that scanning cannot do (domain services, ports, topics).</li>
 * </ul>
 */
public final class ServiceShape {

    public static final List<String> PACKAGES = List.of("domain", "application", "readmodel", "web", "messaging", "config");
    private static final List<String> SERVICES = List.of("goal", "report", "crmlink", "scoring", "gateway");

    /** What the domain must never reach: adapters, their frameworks, and the platform's adapters. */
    private static final List<String> NOT_FOR_THE_DOMAIN = List.of(
            "org.springframework.web..", "org.springframework.http..", "org.springframework.kafka..",
            "org.springframework.security..", "org.springframework.data..", "jakarta.servlet..",
            "org.apache.kafka..", "com.fasterxml.jackson..", "com.mongodb..", "org.bson..",
            "com.acme.goals.platform.web..", "com.acme.goals.platform.messaging..", "com.acme.goals.platform.feed..",
            "com.acme.goals.platform.security..", "com.acme.goals.platform.axon..");

    private final String service;
    private final Map<String, String> names;

    private ServiceShape(String service, Map<String, String> names) {
        this.service = service;
        this.names = names;
    }

    public static ServiceShape of(String servicePackage) {
        Map<String, String> names = new LinkedHashMap<>();
        PACKAGES.forEach(p -> names.put(p, p));
        return new ServiceShape(servicePackage, names);
    }

    /** The same rules over other package names: how a layout that predates them is measured against them. */
    public ServiceShape naming(String layer, String packageName) {
        Map<String, String> renamed = new LinkedHashMap<>(names);
        renamed.put(layer, packageName);
        return new ServiceShape(service, renamed);
    }

    private String pkg(String layer) {
        return service + "." + names.get(layer) + "..";
    }

    public List<ArchRule> rules() {
        String own = service.substring(service.lastIndexOf('.') + 1);
        List<String> forbidden = new ArrayList<>(NOT_FOR_THE_DOMAIN);
        Stream.of("application", "readmodel", "web", "messaging", "config").map(this::pkg).forEach(forbidden::add);
        return List.of(
                classes().that().resideInAPackage(service + "..")
                        .should(resideInOneOfTheServicePackages())
                        .as("every class of " + service + " lives in " + names.values() + " (or is the application)"),
                noClasses().that().resideInAPackage(pkg("domain"))
                        .should().transitivelyDependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                        .as("the domain of " + service + " reaches no adapter, framework adapter or store, "
                                + "directly or through another class"),
                noClasses().that().resideInAPackage(pkg("readmodel"))
                        .should().dependOnClassesThat().resideInAnyPackage(pkg("web"), pkg("messaging"), pkg("application"))
                        .as("read models of " + service + " know nothing of the adapters or use cases that read them"),
                noClasses().that().resideInAnyPackage(pkg("application"), pkg("messaging"))
                        .should().dependOnClassesThat().resideInAnyPackage(pkg("web"), "com.acme.goals.platform.security..",
                                "org.springframework.security..")
                        .as("use cases and listeners of " + service + " do not read the web request or its caller"),
                noClasses().that().resideInAPackage(pkg("web"))
                        .should().dependOnClassesThat().resideInAnyPackage("org.bson..", "com.mongodb..")
                        .as("controllers of " + service + " take and give records, never a stored document"),
                codeUnits().that().areDeclaredInClassesThat().resideInAPackage(service + "..")
                        .and().areAnnotatedWith("org.axonframework.commandhandling.CommandHandler")
                        .should(takeACommandFromACommandsHolder())
                        .as("every command of " + service + " is a record in a …Commands holder of its domain"),
                noClasses().that().resideInAPackage(service + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(SERVICES.stream().filter(s -> !s.equals(own))
                                .map(s -> "com.acme.goals." + s + "..").toArray(String[]::new))
                        .as(service + " does not reach into another service"),
                noClasses().that().resideInAPackage(service + "..")
                        .should().haveSimpleNameEndingWith("Manager").orShould().haveSimpleNameEndingWith("Helper")
                        .orShould().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
                        .as("names of " + service + " come from the domain"));
    }

    /** The platform is plumbing and the kernel is shared: neither knows a service, the platform not the kernel. */
    public static List<ArchRule> sharedModules() {
        String[] services = SERVICES.stream().map(s -> "com.acme.goals." + s + "..").toArray(String[]::new);
        return List.of(
                noClasses().that().resideInAPackage("com.acme.goals.platform..")
                        .should().dependOnClassesThat().resideInAnyPackage(services)
                        .orShould().dependOnClassesThat().resideInAPackage("com.acme.goals.team..")
                        .as("the platform is plumbing: it knows no service and no domain"),
                noClasses().that().resideInAPackage("com.acme.goals.team..")
                        .should().dependOnClassesThat().resideInAnyPackage(services)
                        .as("the sales-team kernel knows no service"));
    }

    /** The report of every rule this service breaks; empty when it keeps the house shape. */
    public List<String> brokenRules() {
        return broken(rules());
    }

    /** The report of every rule the platform or the sales-team kernel breaks. */
    public static List<String> brokenSharedModuleRules() {
        return broken(sharedModules());
    }

    private static List<String> broken(List<ArchRule> rules) {
        JavaClasses classes = repositoryClasses();
        List<String> broken = new ArrayList<>();
        for (ArchRule rule : rules) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                broken.add(result.getFailureReport().toString());
            }
        }
        return broken;
    }

    private static JavaClasses repositoryClasses() {
        // Only this repository's classes: a framework's own insides are not ours to judge, and following them would
        // make every transitive rule fail through the framework.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("com.acme.goals");
    }

    private ArchCondition<JavaClass> resideInOneOfTheServicePackages() {
        return new ArchCondition<>("reside in one of the service packages") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                String name = javaClass.getPackageName();
                boolean root = name.equals(service) && javaClass.getSimpleName().endsWith("Application");
                boolean inLayer = names.values().stream().anyMatch(layer -> name.equals(service + "." + layer)
                        || name.startsWith(service + "." + layer + "."));
                if (!root && !inLayer) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " is in package " + name));
                }
            }
        };
    }

    private ArchCondition<JavaCodeUnit> takeACommandFromACommandsHolder() {
        return new ArchCondition<>("take a command nested in a …Commands class of the domain") {
            @Override
            public void check(JavaCodeUnit handler, ConditionEvents events) {
                JavaClass command = handler.getRawParameterTypes().isEmpty() ? null : handler.getRawParameterTypes().get(0);
                boolean ok = command != null && command.getEnclosingClass()
                        .map(holder -> holder.getSimpleName().endsWith("Commands")
                                && (holder.getPackageName().equals(service + "." + names.get("domain"))))
                        .orElse(false);
                if (!ok) {
                    events.add(SimpleConditionEvent.violated(handler, handler.getFullName() + " takes "
                            + (command == null ? "no command" : command.getName())));
                }
            }
        };
    }
}
