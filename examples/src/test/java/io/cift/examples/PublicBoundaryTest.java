package io.cift.examples;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The SDK's public boundary, checked over the compiled classes of every module: what a host application
 * can see never names an implementation type, and the core depends on no driver or client.
 */
class PublicBoundaryTest {

    /** The SDK's own classes, without tests (test directories and test jars). */
    private static final JavaClasses SDK = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar")
                    && !location.contains("/examples/target/classes/"))
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cift");

    private static boolean internal(JavaClass c) {
        return c.getPackageName().contains(".internal");
    }

    private static boolean visible(java.util.Set<JavaModifier> m) {
        return m.contains(JavaModifier.PUBLIC) || m.contains(JavaModifier.PROTECTED);
    }

    private static final ArchCondition<JavaClass> NAME_NO_INTERNAL_TYPE =
            new ArchCondition<>("name no internal type in a public or protected signature") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                    List<String> found = new ArrayList<>();
                    c.getRawSuperclass().filter(PublicBoundaryTest::internal)
                            .ifPresent(s -> found.add("extends " + s.getName()));
                    c.getRawInterfaces().stream().filter(PublicBoundaryTest::internal)
                            .forEach(i -> found.add("implements " + i.getName()));
                    for (JavaCodeUnit u : c.getCodeUnits()) {
                        if (!visible(u.getModifiers())) {
                            continue;
                        }
                        if (internal(u.getRawReturnType())) {
                            found.add(u.getFullName() + " returns " + u.getRawReturnType().getName());
                        }
                        u.getRawParameterTypes().stream().filter(PublicBoundaryTest::internal)
                                .forEach(p -> found.add(u.getFullName() + " takes " + p.getName()));
                    }
                    for (JavaField f : c.getFields()) {
                        if (visible(f.getModifiers()) && internal(f.getRawType())) {
                            found.add(f.getFullName() + " is a " + f.getRawType().getName());
                        }
                    }
                    for (String f : found) {
                        events.add(SimpleConditionEvent.violated(c, f));
                    }
                }
            };

    @Test
    void noPublicSignatureOutsideInternalPackagesNamesAnInternalType() {
        classes().that(DescribedPredicate.describe("are public API (public, outside *.internal)",
                        (JavaClass c) -> !internal(c) && c.getModifiers().contains(JavaModifier.PUBLIC)))
                .should(NAME_NO_INTERNAL_TYPE)
                .check(SDK);
    }

    @Test
    void theCommandLineAndTheExamplesUseOnlyTheSdksApi() {
        JavaClasses tools = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> location.contains("/examples/target/classes/"))
                .importPackages("io.cift.examples");
        noClasses().should().dependOnClassesThat().resideInAPackage("io.cift..internal..").check(tools);
    }

    @Test
    void theCoreDependsOnNoDriverOrClient() {
        // the JDK's java.sql types are fine (the failure classifier reads SQLStates); drivers and clients are not
        noClasses().that().resideInAPackage("io.cift.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.postgresql..",
                        "com.clickhouse..", "ru.yandex..", "io.nats..", "redis.clients..", "io.questdb..",
                        "com.zaxxer..", "io.github.resilience4j..", "com.fasterxml.jackson..")
                .check(SDK);
    }
}
