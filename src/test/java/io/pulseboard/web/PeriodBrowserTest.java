package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Revised values, the time zone choice and the "as of" date in a real Chromium against a real
 * Pulseboard with the report's seed data.
 */
class PeriodBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String OFFICES = ".kpi-tile[data-metric='offices'][data-labels='{\"region\":\"global\"}']";

  private static Vertx vertx;
  private static Pulseboard app;
  private static Http http;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = TestApp.start();
    http = new Http(vertx, app.port());
    base = "http://127.0.0.1:" + app.port() + "/";
    browser = Browser.start();
    // The seed has 12 offices worldwide on 2025-09-10; a correction makes it 13.
    assertThat(http.postPoints(Http.regionPoint("offices", "global", "2025-09-10T00:00:00Z", 13)).statusCode())
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
      http.close();
      app.close();
    } finally {
      vertx.close().await();
    }
  }

  @BeforeEach
  void freshPage() {
    browser.size(1440, 900);
    browser.open(base + "?lang=en");
    browser.js("localStorage.clear(); sessionStorage.clear();");
    browser.clearConsole();
  }

  @AfterEach
  void noConsoleErrors() {
    assertThat(browser.consoleErrors()).as("console errors").isEmpty();
  }

  private WebElement revisedMarker(String query) {
    browser.open(base + query);
    browser.await(WAIT, "the offices tile", d -> !d.findElements(By.cssSelector(OFFICES + " .kpi-tile__value")).isEmpty()
        && !d.findElement(By.cssSelector(OFFICES + " .kpi-tile__value")).getText().isBlank());
    return browser.find(OFFICES + " .kpi-tile__revised");
  }

  @Test
  void a_revised_value_is_marked_with_the_old_value_as_text_on_hover() {
    WebElement marker = revisedMarker("?lang=en");
    assertThat(browser.find(OFFICES + " .kpi-tile__value").getText()).isEqualTo("13 offices");
    assertThat(marker.isDisplayed()).isTrue();
    assertThat(marker.getText()).matches("revised (now|\\d+ seconds? ago|\\d+ minutes? ago)");
    assertThat(marker.getAttribute("title")).startsWith("Was 12 offices until ");
    assertThat(marker.getAttribute("aria-label")).contains("Was 12 offices");
    assertThat(browser.find(".kpi-tile[data-metric='weekly_users'] .kpi-tile__revised").isDisplayed()).isFalse();
  }

  @Test
  void the_marker_speaks_korean_in_the_dark_theme() {
    browser.open(base + "?lang=ko");
    browser.js("localStorage.setItem('pulseboard.theme', 'dark');");
    WebElement marker = revisedMarker("?lang=ko");
    assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo("dark");
    assertThat(marker.getText()).endsWith("수정됨");
    assertThat(marker.getAttribute("title")).endsWith("까지 12곳");
    assertThat(browser.find("[data-period-controls] .period-controls__label").getText()).isEqualTo("시간대");
  }

  @Test
  void the_time_zone_defaults_to_the_browsers_is_shown_and_remembered() {
    revisedMarker("?lang=en");
    String browserZone = (String) browser.js("return Intl.DateTimeFormat().resolvedOptions().timeZone");
    WebElement zone = browser.find("[data-time-zone]");
    assertThat(zone.getAttribute("value")).isEqualTo(browserZone);
    browser.js("const s = document.querySelector('[data-time-zone]'); s.value = 'Asia/Seoul';"
        + " s.dispatchEvent(new Event('change'));");
    revisedMarker("?lang=en");
    assertThat(browser.find("[data-time-zone]").getAttribute("value")).isEqualTo("Asia/Seoul");
    assertThat(browser.js("return localStorage.getItem('pulseboard.timeZone')")).isEqualTo("Asia/Seoul");
  }

  @Test
  void as_of_a_date_before_the_correction_shows_the_old_value_under_a_banner() {
    revisedMarker("?lang=en");
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
    browser.js("const s = document.querySelector('[data-time-zone]'); s.value = 'UTC'; s.dispatchEvent(new Event('change'));"
        + "const d = document.querySelector('[data-as-of]'); d.value = arguments[0];"
        + " d.dispatchEvent(new Event('change'));", yesterday);
    // The seed was written when the server started, after that day: nothing was known then.
    browser.await(WAIT, "the banner", d -> d.findElement(By.cssSelector("[data-as-of-banner]")).isDisplayed());
    assertThat(browser.find("[data-as-of-banner]").getText()).contains(yesterday).contains("UTC");
    browser.await(WAIT, "no offices tile as of then", d -> d.findElements(By.cssSelector(OFFICES)).isEmpty()
        || d.findElement(By.cssSelector(OFFICES + " .kpi-tile__value")).getText().equals("No data yet"));
    browser.find("[data-as-of-clear]").click();
    browser.await(WAIT, "the live value again", d -> !d.findElements(By.cssSelector(OFFICES + " .kpi-tile__value")).isEmpty()
        && d.findElement(By.cssSelector(OFFICES + " .kpi-tile__value")).getText().equals("13 offices"));
    assertThat(browser.find("[data-as-of-banner]").isDisplayed()).isFalse();
  }
}
