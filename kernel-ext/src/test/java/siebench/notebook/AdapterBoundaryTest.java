package siebench.notebook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * kernel-ext only adapts: the Jupyter types (the IJava / JJava kernel APIs) appear in kernel-ext ({@code
 * siebench.notebook}) and nowhere else, neither in the library ({@code siebench-dsl}) nor in the teaching content
 * ({@code siebench-exercises}), both of which are on this module's class path; and nothing below kernel-ext uses
 * it. The library's own floors are dsl's
 * {@code LayeringTest}.
 */
class AdapterBoundaryTest {
  private static final String[] JUPYTER = {"io.github.spencerpark..", "org.dflib.jjava..", "org.jupyter.."};
  private static final JavaClasses ALL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("siebench");

  @Test
  void theClassPathHoldsTheLibraryAndTheExercises() {
    assertTrue(ALL.containPackage("siebench.data") && ALL.containPackage("siebench.exercises"),
        "library or exercises classes missing from the imported class path");
  }

  @Test
  void jupyterTypesStayInKernelExt() {
    noClasses().that().resideOutsideOfPackage("siebench.notebook..")
        .should().dependOnClassesThat().resideInAnyPackage(JUPYTER)
        .because("Jupyter belongs to kernel-ext, which adapts the library").check(ALL);
  }

  @Test
  void nothingOutsideKernelExtUsesIt() {
    noClasses().that().resideOutsideOfPackage("siebench.notebook..")
        .should().dependOnClassesThat().resideInAPackage("siebench.notebook..").check(ALL);
  }
}
