package ai.perspective;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Fails the build when a module reaches into another's internals, or a layer rule breaks. */
class ModularityTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.perspective");

    @TestFactory
    List<DynamicTest> productKeepsModuleBoundaries() {
        return ModuleRules.all("ai.perspective", ModuleRules.MODULES).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(PRODUCT)))
                .toList();
    }

    @Test
    void everyModuleSaysWhatItOwns() {
        for (String module : ModuleRules.MODULES) {
            assertThat(getClass().getClassLoader().getResource("ai/perspective/" + module + "/package-info.class"))
                    .as("package-info.java of module " + module)
                    .isNotNull();
        }
    }

    /** The rules are not vacuous: a fixture that breaks each of them is caught. */
    @Test
    void rulesCatchViolations() {
        JavaClasses fixture = new ClassFileImporter().importPackages("fixtures.modules");
        String root = "fixtures.modules";
        List<String> modules = List.of("alpha", "beta");

        assertThat(violations(ModuleRules.internalsStayInside(root, "alpha"), fixture))
                .anyMatch(v -> v.contains("beta.BetaApi") && v.contains("alpha.internal"));
        assertThat(violations(ModuleRules.noCycles(root), fixture)).isNotEmpty();
        assertThat(violations(ModuleRules.sharedDependsOnNoModule(root, modules), fixture))
                .anyMatch(v -> v.contains("shared.Kernel"));
        assertThat(violations(ModuleRules.domainIsPlain(root), fixture))
                .anyMatch(v -> v.contains("beta.domain.Thing"));
    }

    private static List<String> violations(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        return result.getFailureReport().getDetails();
    }
}
