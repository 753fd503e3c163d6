package ai.perspective;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The module boundaries of CONVENTIONS.md as ArchUnit rules, for any root package (the product's,
 * or a fixture's that breaks them on purpose).
 */
final class ModuleRules {

    static final List<String> MODULES = List.of(
            "identity", "catalog", "gateway", "routing", "vault", "rewards", "governance", "nodes", "chain");

    private ModuleRules() {
    }

    static List<ArchRule> all(String root, List<String> modules) {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(noCycles(root));
        for (String module : modules) {
            rules.add(internalsStayInside(root, module));
        }
        rules.add(sharedDependsOnNoModule(root, modules));
        rules.add(domainIsPlain(root));
        rules.add(web3jOnlyInChain(root));
        return rules;
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .because("modules talk through APIs and events, never in circles");
    }

    /** Only the module's root package is its API; sub-packages are nobody else's business. */
    static ArchRule internalsStayInside(String root, String module) {
        String base = root + "." + module;
        return noClasses().that().resideOutsideOfPackage(base + "..")
                .should().dependOnClassesThat(insideSubPackageOf(base))
                .because("other modules may use only the API in " + base);
    }

    static ArchRule sharedDependsOnNoModule(String root, List<String> modules) {
        return noClasses().that().resideInAPackage(root + ".shared..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        modules.stream().map(m -> root + "." + m + "..").toArray(String[]::new))
                .because("shared is the kernel every module may use");
    }

    static ArchRule domainIsPlain(String root) {
        return noClasses().that().resideInAPackage(root + ".*.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.vaadin..", "jakarta.ws.rs..", "jakarta.servlet..", "org.web3j..")
                .because("the domain knows no UI, web or chain technology");
    }

    static ArchRule web3jOnlyInChain(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".chain..")
                .should().dependOnClassesThat().resideInAPackage("org.web3j..")
                .because("the chain module is the only adapter to the EVM");
    }

    private static DescribedPredicate<JavaClass> insideSubPackageOf(String base) {
        return DescribedPredicate.describe("reside in a sub-package of " + base,
                c -> c.getPackageName().startsWith(base + "."));
    }
}
