package io.pulseboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/** The package layout is the architecture: dependencies between packages go one way. */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.pulseboard");
  private static final String WS = "io.pulseboard.ws";

  /** Each top-level class of the WebSocket core is a slice of its own (nested types count as their owner). */
  private static final SliceAssignment WS_CLASSES = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      if (!javaClass.getPackageName().equals(WS)) {
        return SliceIdentifier.ignore();
      }
      String name = javaClass.getName().substring(WS.length() + 1);
      int nested = name.indexOf('$');
      return SliceIdentifier.of(nested < 0 ? name : name.substring(0, nested));
    }

    @Override
    public String getDescription() {
      return "top-level classes of " + WS;
    }
  };

  @Test
  void no_cycles_between_packages() {
    slices().matching("io.pulseboard.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void classes_of_the_websocket_core_depend_on_each_other_one_way() {
    slices().assignedFrom(WS_CLASSES).should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void only_the_composition_outside_ws_knows_the_live_service() {
    noClasses().that().resideInAPackage(WS).and().doNotHaveSimpleName("LiveService")
        .should().dependOnClassesThat().haveSimpleName("LiveService")
        .because("a class never holds the object that created it to reach its settings")
        .check(MAIN);
  }
}
