package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class MethodNotAllowedTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  private static Set<String> allow(HttpResponse<Buffer> r) {
    Set<String> methods = new TreeSet<>();
    for (String m : r.getHeader("Allow").split(",")) {
      methods.add(m.trim());
    }
    return methods;
  }

  @Test
  void every_path_of_the_contract_answers_a_method_it_lacks_with_405_and_its_allowed_methods(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      ContractOperations contract = ContractOperations.served(http);
      List<String> checked = new ArrayList<>();
      for (String template : contract.paths()) {
        String path = template.replace("{id}", "weekly_users");
        for (HttpMethod method : ContractOperations.METHODS) {
          if (contract.has(template, method)) {
            continue;
          }
          HttpResponse<Buffer> r = http.send(method, path, method == HttpMethod.HEAD ? null : "{}",
              TestApp.ADMIN_TOKEN, "application/json");
          assertThat(r.statusCode()).as("%s %s", method, path).isEqualTo(405);
          assertThat(allow(r)).as("Allow of %s %s", method, path).isEqualTo(contract.methods(template));
          if (method != HttpMethod.HEAD) {
            assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
            assertThat(r.bodyAsJsonObject().getInteger("status")).isEqualTo(405);
          }
          checked.add(method + " " + path);
        }
      }
      assertThat(checked).contains("PATCH /api/v1/metrics/weekly_users", "GET /api/v1/points");
    }
  }

  @Test
  void patch_on_a_metric_is_405_with_allow_not_404(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = http.send(HttpMethod.PATCH, "/api/v1/metrics/x", "{}", null, "application/json");
      assertThat(r.statusCode()).isEqualTo(405);
      assertThat(allow(r)).containsExactly("DELETE", "GET", "PUT");
      assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("urn:pulseboard:problem:method-not-allowed");
      assertThat(r.bodyAsJsonObject().getString("detail")).contains("PATCH", "DELETE, GET, PUT");
    }
  }

  @Test
  void an_unknown_path_stays_404_whatever_the_method(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH)) {
        HttpResponse<Buffer> r = http.send(method, "/api/v1/nothing-here", "{}", TestApp.ADMIN_TOKEN, "application/json");
        assertThat(r.statusCode()).as("%s", method).isEqualTo(404);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      }
    }
  }
}
