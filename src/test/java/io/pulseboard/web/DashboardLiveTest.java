package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;

/**
 * Live updates, reconnection and the read token, each against its own Pulseboard, since they
 * write data, stop the server or need other settings.
 */
class DashboardLiveTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String READ_TOKEN = "read-token-for-the-browser-test";

  private Vertx vertx;
  private Browser browser;
  private Pulseboard app;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    browser = Browser.start();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
      if (app != null) {
        app.close();
      }
    } finally {
      vertx.close().await();
    }
  }

  private String base() {
    return "http://127.0.0.1:" + app.port() + "/";
  }

  private static JsonObject point(String metric, String region, Instant ts, double value) {
    return new JsonObject().put("points", new JsonArray().add(new JsonObject()
        .put("metric", metric).put("labels", new JsonObject().put("region", region))
        .put("ts", ts.toString()).put("value", value).put("source", "browser test")));
  }

  private static void post(Vertx vertx, Pulseboard instance, JsonObject body) {
    try (Http http = new Http(vertx, instance.port())) {
      assertThat(http.postPoints(body).statusCode()).isEqualTo(200);
    }
  }

  private static String tile(String metric, String region) {
    return ".kpi-tile[data-metric='" + metric + "'][data-labels='{\"region\":\"" + region + "\"}']";
  }

  private void awaitStatus(String status, Duration timeout) {
    browser.await(timeout, "status " + status, d -> status.equals(
        d.findElement(By.cssSelector("[data-status-pill]")).getAttribute("data-status")));
  }

  private void openLiveDashboard() {
    browser.open(base());
    browser.awaitText(tile("weekly_users", "global") + " .kpi-tile__value", "700M users", WAIT);
    awaitStatus("live", WAIT);
  }

  @Test
  void a_point_posted_through_the_api_appears_in_its_tile_within_two_seconds() {
    app = TestApp.start();
    openLiveDashboard();
    browser.js("window.notReloaded = true");
    String value = tile("weekly_users", "global") + " .kpi-tile__value";

    post(vertx, app, point("weekly_users", "global", Instant.now().truncatedTo(ChronoUnit.SECONDS), 800_000_000));
    browser.awaitText(value, "800M users", Duration.ofSeconds(2));

    assertThat(browser.js("return window.notReloaded")).isEqualTo(true);
    assertThat(browser.find(tile("weekly_users", "global") + " .kpi-tile__change dd").getText()).isEqualTo("+14.3%");
    assertThat(browser.find(tile("weekly_users", "global") + " .kpi-tile__stale").isDisplayed()).isFalse();
    assertThat(browser.find(tile("weekly_users", "global") + " .sparkline").isDisplayed()).isTrue();
    assertThat(browser.find("[aria-live='polite']").getAttribute("textContent"))
        .isEqualTo("Weekly active users (global): 800M users");
    assertThat(browser.consoleErrors()).as("console errors").isEmpty();
  }

  @Test
  void a_live_change_is_highlighted_briefly() {
    app = TestApp.start();
    openLiveDashboard();
    String tile = tile("offices", "asia");
    post(vertx, app, point("offices", "asia", Instant.now().truncatedTo(ChronoUnit.SECONDS), 4));
    browser.await(Duration.ofSeconds(2), "highlight", d ->
        d.findElement(By.cssSelector(tile)).getAttribute("class").contains("kpi-tile--flash"));
    browser.await(WAIT, "highlight ends", d ->
        !d.findElement(By.cssSelector(tile)).getAttribute("class").contains("kpi-tile--flash"));
    assertThat(browser.find(tile + " .kpi-tile__value").getText()).isEqualTo("4 offices");
  }

  @Test
  void the_detail_chart_takes_live_points_in_place() {
    app = TestApp.start();
    browser.open(base() + "#/metrics/offices?range=all");
    awaitStatus("live", WAIT);
    browser.await(WAIT, "two charts", d -> d.findElements(By.cssSelector(".metric-detail__chart canvas")).size() == 2);
    browser.js("document.querySelectorAll('.metric-detail__chart canvas').forEach(c => c.dataset.kept = 'yes')");
    post(vertx, app, point("offices", "global", Instant.parse("2025-12-01T00:00:00Z"), 13));
    browser.await(Duration.ofSeconds(2), "three rows", d ->
        d.findElements(By.cssSelector(".metric-detail__table tbody tr")).size() == 3);
    assertThat(browser.find(".metric-detail__table tbody tr").getText()).contains("13 offices");
    assertThat(browser.findAll(".metric-detail__chart canvas[data-kept='yes']")).as("same charts").hasSize(2);
  }

  @Test
  void after_a_restart_it_reconnects_and_shows_what_was_written_meanwhile() throws Exception {
    String database = TestDatabase.create();
    app = TestApp.start(database, Map.of());
    int port = app.port();
    openLiveDashboard();
    browser.js("window.notReloaded = true");

    app.close();
    app = null;
    awaitStatus("reconnecting", WAIT);
    // Written while the dashboard's server is down, through another instance on the same database.
    try (Pulseboard other = TestApp.start(database, Map.of())) {
      post(vertx, other, point("offices", "global", Instant.now().truncatedTo(ChronoUnit.SECONDS), 13));
    }
    app = TestApp.start(database, Map.of("PULSEBOARD_PORT", Integer.toString(port)));

    awaitStatus("live", Duration.ofSeconds(30));
    browser.awaitText(tile("offices", "global") + " .kpi-tile__value", "13 offices", WAIT);
    assertThat(browser.js("return window.notReloaded")).isEqualTo(true);
    assertThat(browser.find(tile("weekly_users", "global") + " .kpi-tile__value").getText()).isEqualTo("700M users");
    List<String> scriptErrors = browser.console().stream().map(LogEntry::getMessage)
        .filter(m -> !m.contains("WebSocket connection to")).filter(m -> !m.contains("Failed to load resource"))
        .filter(m -> m.contains("Error") || m.contains("Content Security Policy")).toList();
    assertThat(scriptErrors).as("script errors (failed connections while down are expected)").isEmpty();
  }

  @Test
  void a_read_token_is_asked_for_once_and_kept_for_the_session() {
    app = TestApp.start(TestDatabase.create(), Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));
    browser.open(base());
    browser.await(WAIT, "token form", d -> d.findElement(By.cssSelector(".token-form__input")).isDisplayed());
    assertThat(browser.find("label[for='token-form-input']").getText()).isEqualTo("Token");

    browser.find(".token-form__input").sendKeys("not-the-right-token-at-all");
    browser.find(".token-form__submit").click();
    browser.awaitText(".token-form__error", "That token was not accepted.", WAIT);

    browser.find(".token-form__input").sendKeys(READ_TOKEN);
    browser.find(".token-form__submit").click();
    browser.awaitText(tile("weekly_users", "global") + " .kpi-tile__value", "700M users", WAIT);
    assertThat(browser.find(".token-form").isDisplayed()).isFalse();
    assertThat(browser.js("return sessionStorage.getItem('pulseboard.token')")).isEqualTo(READ_TOKEN);

    browser.open(base() + "#/metrics/offices");
    browser.await(WAIT, "charts with the kept token", d ->
        d.findElements(By.cssSelector(".metric-detail__chart canvas")).size() == 2);
    assertThat(browser.find(".token-form").isDisplayed()).isFalse();
    assertThat(browser.console().stream().map(LogEntry::getMessage))
        .noneMatch(m -> m.contains("Content Security Policy"));
  }

  @Test
  void with_a_read_token_the_live_connection_uses_it() {
    app = TestApp.start(TestDatabase.create(), Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));
    browser.open(base());
    browser.await(WAIT, "token form", d -> d.findElement(By.cssSelector(".token-form__input")).isDisplayed());
    browser.find(".token-form__input").sendKeys(READ_TOKEN);
    browser.find(".token-form__submit").click();
    awaitStatus("live", WAIT);
    post(vertx, app, point("offices", "asia", Instant.now().truncatedTo(ChronoUnit.SECONDS), 5));
    browser.awaitText(tile("offices", "asia") + " .kpi-tile__value", "5 offices", Duration.ofSeconds(2));
  }
}
