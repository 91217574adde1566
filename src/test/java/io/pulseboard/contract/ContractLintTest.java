package io.pulseboard.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published contract is what client generators and API tools read: it must pass a standard
 * linter, Redocly CLI with its recommended rules, without an error or a warning.
 */
class ContractLintTest {
  private static final Path CONTRACT = Path.of("src/main/resources/openapi.yaml");
  /** The open operations without input, which have no 4xx answer (see redocly.yaml). */
  private static final int ACCEPTED_EXCEPTIONS = 3;

  @Test
  void the_contract_has_no_lint_errors_or_warnings() throws Exception {
    JsonObject report = Redocly.lint(CONTRACT);
    assertThat(messages(report.getJsonArray("problems"))).isEmpty();
    JsonObject totals = report.getJsonObject("totals");
    assertThat(totals.getInteger("errors")).isZero();
    assertThat(totals.getInteger("warnings")).isZero();
    // Each exception is written down with its reason; a new one must be too.
    assertThat(totals.getInteger("ignored")).isEqualTo(ACCEPTED_EXCEPTIONS);
  }

  @Test
  void the_linter_reports_the_faults_the_contract_once_had(@TempDir Path dir) throws Exception {
    String contract = Files.readString(CONTRACT);
    // An operation without a summary, and a flow-style description with a comma.
    String broken = contract
        .replace("      summary: List annotations\n", "")
        .replace("""
                    seq:
                      $ref: "#/components/schemas/Seq"
                      description: The highest seq of this write, or the head when nothing changed.
            """, """
                    seq: { type: integer, description: the highest seq of this write, or the head if nothing changed }
            """);
    assertThat(broken).isNotEqualTo(contract);
    Path copy = dir.resolve("openapi.yaml");
    Files.writeString(copy, broken);
    List<String> found = messages(Redocly.lint(copy).getJsonArray("problems"));
    assertThat(found).anySatisfy(m -> assertThat(m).startsWith("operation-summary"));
    assertThat(found).anySatisfy(m -> assertThat(m).startsWith("struct").contains("or the head"));
  }

  private static List<String> messages(JsonArray problems) {
    return problems.stream().map(JsonObject.class::cast)
        .map(p -> p.getString("ruleId") + ": " + p.getString("message") + " at "
            + p.getJsonArray("location").getJsonObject(0).getString("pointer"))
        .toList();
  }
}
