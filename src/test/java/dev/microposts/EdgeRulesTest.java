package dev.microposts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Service;

/**
 * HTTP stays at the edge: what a module offers others (its base package) and its services speak the domain, so
 * they work the same from a controller, a page, an admin command or a task, and are tested without a request.
 * The web module alone turns their refusals into statuses; controllers and filters are the edge and may use HTTP.
 */
class EdgeRulesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.microposts");

    /** The servlet world: requests, responses, statuses, and the signed-in user read from a thread. */
    private static final DescribedPredicate<JavaClass> HTTP = DescribedPredicate.describe(
            "HTTP (servlet, Spring Web, HTTP statuses, ApiProblem, SecurityContextHolder)",
            type -> type.getPackageName().startsWith("jakarta.servlet")
                    || type.getPackageName().startsWith("org.springframework.web")
                    || type.getPackageName().startsWith("org.springframework.http")
                    || type.getName().equals("dev.microposts.web.ApiProblem")
                    || type.getName().equals("org.springframework.security.core.context.SecurityContextHolder"));

    /** A module's public API: the types in its base package, which other modules call. */
    private static final DescribedPredicate<JavaClass> MODULE_API = DescribedPredicate.describe(
            "are in a module's base package (other than web's)",
            type -> type.getPackageName().matches("dev\\.microposts\\.[a-z]+")
                    && !type.getPackageName().equals("dev.microposts.web"));

    @Test
    void moduleApisKnowNothingOfHttp() {
        ArchRule rule = noClasses().that(MODULE_API).should().dependOnClassesThat(HTTP);
        rule.check(CLASSES);
    }

    @Test
    void servicesKnowNothingOfHttp() {
        ArchRule rule =
                noClasses().that().areAnnotatedWith(Service.class).should().dependOnClassesThat(HTTP);
        rule.check(CLASSES);
    }

    @Test
    void refusalsDependOnNothingOfOurs() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("dev.microposts.refusals")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("dev.microposts.refusals", "java..", "org.springframework.modulith..");
        rule.check(CLASSES);
    }
}
