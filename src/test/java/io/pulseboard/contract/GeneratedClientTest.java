package io.pulseboard.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.pulseboard.client.ApiClient;
import io.pulseboard.client.ApiException;
import io.pulseboard.client.api.ChangesApi;
import io.pulseboard.client.api.MetricsApi;
import io.pulseboard.client.api.PointsApi;
import io.pulseboard.client.model.Change;
import io.pulseboard.client.model.ChangePage;
import io.pulseboard.client.model.History;
import io.pulseboard.client.model.HistorySeries;
import io.pulseboard.client.model.Metric;
import io.pulseboard.client.model.MetricIn;
import io.pulseboard.client.model.Point;
import io.pulseboard.client.model.PointBatch;
import io.pulseboard.client.model.PointIn;
import io.pulseboard.client.model.Problem;
import io.pulseboard.client.model.WriteResult;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Java client generated from the published contract (OpenAPI Generator, library {@code native};
 * see pom.xml) talks to a running server: if the contract and the server disagree on a path, a
 * parameter, a body or an answer, this fails.
 */
class GeneratedClientTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_SEED", "false"));

  private static final OffsetDateTime MONDAY = OffsetDateTime.of(2026, 1, 5, 0, 0, 0, 0, ZoneOffset.UTC);

  private static ApiClient client(String token) {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + running.port());
    if (token != null) {
      client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }
    return client;
  }

  private static PointIn point(String metric, String region, OffsetDateTime ts, double value) {
    return new PointIn().metric(metric).labels(Map.of("region", region)).ts(ts)
        .value(BigDecimal.valueOf(value)).source("generated client");
  }

  private static void defineMetric(ApiClient client, String id) throws ApiException {
    Metric stored = new MetricsApi(client).putMetric(id, new MetricIn().name("Sign-ups").unit("users")
        .labels(Set.of("region")).cadence("P1D").display(MetricIn.DisplayEnum.NUMBER));
    assertThat(stored.getId()).isEqualTo(id);
  }

  @Test
  void writes_a_batch_and_reads_it_back_as_history() throws ApiException {
    ApiClient admin = client(TestApp.ADMIN_TOKEN);
    defineMetric(admin, "signups");
    WriteResult written = new PointsApi(admin).postPoints(new PointBatch().points(List.of(
        point("signups", "kr", MONDAY, 1200),
        point("signups", "kr", MONDAY.plusDays(1), 1350.5),
        point("signups", "jp", MONDAY, 800))));
    assertThat(written.getAccepted()).isEqualTo(3);
    assertThat(written.getWritten()).isEqualTo(3);
    assertThat(written.getSeq()).isPositive();

    // The generated client accepts JSON and CSV alike, in that order: it must get JSON.
    History history = new PointsApi(admin).getPoints("signups", MONDAY, null, null, null, null, null, null);
    assertThat(history.getMetric()).isEqualTo("signups");
    Map<String, List<Point>> bySeries = history.getSeries().stream()
        .collect(java.util.stream.Collectors.toMap(s -> s.getLabels().get("region"), HistorySeries::getPoints));
    assertThat(bySeries.get("kr")).extracting(Point::getTs).containsExactly(MONDAY, MONDAY.plusDays(1));
    assertThat(bySeries.get("kr")).extracting(Point::getValue).containsExactly(1200.0, 1350.5);
    assertThat(bySeries.get("jp")).extracting(Point::getValue).containsExactly(800.0);
    assertThat(bySeries.get("kr").get(0).getSource()).isEqualTo("generated client");
  }

  @Test
  void names_a_metric_in_korean_and_reads_every_language_back() throws ApiException {
    ApiClient admin = client(TestApp.ADMIN_TOKEN);
    Metric stored = new MetricsApi(admin).putMetric("revenue", new MetricIn()
        .name(Map.of("en", "Revenue", "ko", "매출")).unit("KRW").labels(Set.of("region"))
        .labelValues(Map.of("region", Map.of("kr", Map.of("ko", "한국"))))
        .cadence("P1D").display(MetricIn.DisplayEnum.NUMBER));
    assertThat(stored.getName()).isEqualTo("Revenue");
    assertThat(stored.getNames().getEn()).isEqualTo("Revenue");
    assertThat(stored.getNames().getAdditionalProperty("ko")).isEqualTo("매출");
    assertThat(stored.getLabelValues().get("region").get("kr").get("ko")).isEqualTo("한국");
    assertThat(new MetricsApi(admin).getMetric("revenue", null, null).getNames().getAdditionalProperty("ko")).isEqualTo("매출");
  }

  @Test
  void reads_a_written_batch_from_the_change_feed() throws ApiException {
    ApiClient admin = client(TestApp.ADMIN_TOKEN);
    defineMetric(admin, "orders");
    long before = new ChangesApi(admin).getChanges(0L, 1).getHead();
    WriteResult written = new PointsApi(admin).postPoints(new PointBatch().points(List.of(
        point("orders", "kr", MONDAY, 42), point("orders", "kr", MONDAY.plusHours(1), 43.25))));

    ChangePage page = new ChangesApi(admin).getChanges(before, 100);
    assertThat(page.getItems()).extracting(Change::getMetric).containsOnly("orders");
    assertThat(page.getItems()).extracting(Change::getValue).containsExactly(42.0, 43.25);
    assertThat(page.getItems()).extracting(Change::getTs).containsExactly(MONDAY, MONDAY.plusHours(1));
    assertThat(page.getSeq()).isEqualTo(written.getSeq());
    assertThat(page.getHead()).isGreaterThanOrEqualTo(written.getSeq());
    assertThat(page.getMore()).isFalse();
  }

  @Test
  void an_invalid_batch_comes_back_as_a_problem_the_client_can_read() throws Exception {
    ApiClient admin = client(TestApp.ADMIN_TOKEN);
    ApiException refused = catchThrowableOfType(ApiException.class, () -> new PointsApi(admin)
        .postPoints(new PointBatch().points(List.of(point("no_such_metric", "kr", MONDAY, 1)))));
    assertThat(refused.getCode()).isEqualTo(422);
    Problem problem = admin.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
    assertThat(problem.getStatus()).isEqualTo(422);
    assertThat(problem.getErrors()).anySatisfy(e -> assertThat(e.getPointer()).isEqualTo("/points/0/metric"));
  }

  @Test
  void a_write_without_the_admin_token_is_refused_with_401() {
    ApiException refused = catchThrowableOfType(ApiException.class, () -> new PointsApi(client(null))
        .postPoints(new PointBatch().points(List.of(point("signups", "kr", MONDAY, 1)))));
    assertThat(refused.getCode()).isEqualTo(401);
    assertThat(refused.getResponseHeaders().firstValue("WWW-Authenticate")).isPresent();
  }
}
