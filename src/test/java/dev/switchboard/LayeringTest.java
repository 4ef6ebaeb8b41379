package dev.switchboard;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layers of HOUSE-STYLE: model → engine → daemon → cli/ui. Lower layers never know the
 * ones above them, logic never touches JavaFX, and the GUI never spawns processes itself
 * (it asks a {@code StackControl}).
 */
@AnalyzeClasses(packages = "dev.switchboard", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    private static final String MODEL = "dev.switchboard.model..";
    private static final String ENGINE = "dev.switchboard.engine..";
    private static final String DAEMON = "dev.switchboard.daemon..";
    private static final String CLI = "dev.switchboard.cli..";
    private static final String UI = "dev.switchboard.ui..";

    @ArchTest
    static final ArchRule modelAndEngineNeverUseJavaFx = noClasses()
            .that().resideInAnyPackage(MODEL, ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("the model and the engine also run headless, in the CLI and the background service");

    @ArchTest
    static final ArchRule modelKnowsNoOtherLayer = noClasses()
            .that().resideInAPackage(MODEL)
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE, DAEMON, CLI, UI);

    @ArchTest
    static final ArchRule engineKnowsOnlyTheModel = noClasses()
            .that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(DAEMON, CLI, UI);

    @ArchTest
    static final ArchRule uiNeverSpawnsProcesses = noClasses()
            .that().resideInAPackage(UI)
            .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class)
            .orShould().callMethodWhere(describe("Runtime.exec(..)", call ->
                    call.getTargetOwner().isAssignableTo(Runtime.class) && call.getName().equals("exec")))
            .because("the GUI starts processes through StackControl, so the engine owns every child")
            // the ui package may not exist yet on this branch; the rule must still hold once it does
            .allowEmptyShould(true);
}
