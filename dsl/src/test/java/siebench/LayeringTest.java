package siebench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import siebench.data.BackEdgeFixture;
import siebench.train.CtrTask;

/**
 * The library's floors, bottom to top, and the rule that a package may use only its own floor and those below:
 * <pre>
 *   core → metrics → data → features → model → train → importance → tasks → benchmark → report
 * </pre>
 * (the command line and the notebook kernel are modules of their own above these). {@code metrics} sits low
 * because its metrics are functions of arrays, which training (early stopping) and the generators (their
 * summaries) use; {@code tasks} are the task-specific pipelines built on training and importance: post-click
 * conversion ({@code cvr}), missing-not-at-random ratings ({@code mnar}), implicit-feedback recommendation
 * ({@code recommend}) and candidate retrieval ({@code retrieval}). No two packages may import each other, at any
 * distance, and the library has no Jupyter types.
 */
class LayeringTest {
  /** The floors, bottom first: name and packages. */
  static final List<String[]> FLOORS = List.of(
      new String[] {"core", "siebench.core.."},
      new String[] {"metrics", "siebench.metrics.."},
      new String[] {"data", "siebench.data.."},
      new String[] {"features", "siebench.features.."},
      new String[] {"model", "siebench.model.."},
      new String[] {"train", "siebench.train.."},
      new String[] {"importance", "siebench.importance.."},
      new String[] {"tasks", "siebench.cvr..", "siebench.mnar..", "siebench.recommend..", "siebench.retrieval.."},
      new String[] {"benchmark", "siebench.benchmark.."},
      new String[] {"report", "siebench.report.."});

  static final JavaClasses LIBRARY = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("siebench");

  /** Each floor may use only the floors below it (and itself). */
  static ArchRule floors() {
    LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (String[] f : FLOORS) {
      rule = rule.layer(f[0]).definedBy(Arrays.copyOfRange(f, 1, f.length));
    }
    for (int i = 0; i < FLOORS.size(); i++) {
      String[] below = FLOORS.subList(0, i).stream().map(f -> f[0]).toArray(String[]::new);
      rule = below.length == 0 ? rule.whereLayer(FLOORS.get(i)[0]).mayNotAccessAnyLayer()
          : rule.whereLayer(FLOORS.get(i)[0]).mayOnlyAccessLayers(below);
    }
    return rule;
  }

  @Test
  void everyPackageUsesOnlyItsFloorAndTheFloorsBelow() {
    floors().check(LIBRARY);
  }

  @Test
  void noTwoPackagesImportEachOther() {
    slices().matching("siebench.(**)").should().beFreeOfCycles().check(LIBRARY);
  }

  @Test
  void everyPackageIsOnAFloor() {
    String[] all = FLOORS.stream().flatMap(f -> Arrays.stream(f, 1, f.length)).toArray(String[]::new);
    classes().should().resideInAnyPackage(all)
        .because("a new package must be given its floor in LayeringTest.FLOORS").check(LIBRARY);
  }

  @Test
  void theLibraryHasNoJupyterTypes() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("io.github.spencerpark..", "org.dflib.jjava..", "org.jupyter..")
        .because("Jupyter belongs to kernel-ext, which adapts the library").check(LIBRARY);
  }

  /** The rule can fail: a data class that uses training (a test fixture) is a back-edge. */
  @Test
  void aBackEdgeFailsTheFloors() {
    JavaClasses withBackEdge = new ClassFileImporter().importClasses(BackEdgeFixture.class, CtrTask.class);
    AssertionError e = assertThrows(AssertionError.class, () -> floors().check(withBackEdge));
    assertTrue(e.getMessage().contains("BackEdgeFixture") && e.getMessage().contains("CtrTask"), e.getMessage());
  }
}
