package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.ExternalTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's pure logic (formatting in both languages, deltas, staleness, state) is tested
 * with Node's own test runner; this runs it as part of the one test command.
 */
class DashboardLogicTest {
  @Test
  void node_tests_of_the_dashboard_logic_pass() throws Exception {
    Path node = ExternalTool.require("node", "nodejs");
    Process process = new ProcessBuilder(node.toString(), "--test", "webroot/js/test/")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    System.out.println(output);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("# fail 0");
  }
}
