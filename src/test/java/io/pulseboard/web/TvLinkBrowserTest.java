package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * TV links in a real Chromium: the key in the fragment is kept by the browser across a restart
 * with the same profile, leaves the address bar at once, and appears in no log of the server.
 */
class TvLinkBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String READ_TOKEN = "pb_tv-link-read-token-for-tests-0123";
  private static final String WEEKLY_USERS = ".kpi-tile[data-metric='weekly_users'][data-labels='{\"region\":\"global\"}']"
      + " .kpi-tile__value";
  private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

  private static Vertx vertx;
  private static Pulseboard app;
  private static String base;

  @BeforeAll
  static void start() {
    LOG.start();
    ROOT.addAppender(LOG);
    vertx = Vertx.vertx();
    app = TestApp.start(TestDatabase.create(), Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));
    base = "http://127.0.0.1:" + app.port() + "/";
  }

  @AfterAll
  static void stop() throws Exception {
    ROOT.detachAppender(LOG);
    try {
      app.close();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void a_tv_link_keeps_working_after_the_browser_is_closed_and_reopened() throws Exception {
    Path profile = Files.createTempDirectory("pulseboard-tv-profile");
    try {
      try (Browser tv = Browser.startWithProfile(profile)) {
        tv.open(base + "#/?kiosk=1&key=" + READ_TOKEN);
        tv.awaitText(WEEKLY_USERS, "700M users", WAIT);
        assertThat(tv.driver.getCurrentUrl()).isEqualTo(base + "#/?kiosk=1").doesNotContain(READ_TOKEN);
        assertThat(tv.js("return document.documentElement.classList.contains('kiosk')")).isEqualTo(true);
        assertThat(tv.js("return localStorage.getItem('pulseboard.token')")).isEqualTo(READ_TOKEN);
        assertThat(tv.find(".token-form").isDisplayed()).isFalse();
        awaitLive(tv);
        assertThat(tv.consoleErrors()).isEmpty();
      }
      // The TV was switched off and on: the same profile, the address without a key.
      try (Browser tv = Browser.startWithProfile(profile)) {
        tv.open(base + "#/?kiosk=1");
        tv.awaitText(WEEKLY_USERS, "700M users", WAIT);
        assertThat(tv.find(".token-form").isDisplayed()).isFalse();
        awaitLive(tv);
        assertThat(tv.consoleErrors()).isEmpty();
      }
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    assertThat(LOG.list.stream().map(ILoggingEvent::getFormattedMessage)).noneMatch(l -> l.contains(READ_TOKEN));
  }

  @Test
  void a_link_for_a_view_keeps_the_view_and_the_kept_key_can_be_forgotten() {
    try (Browser browser = Browser.start()) {
      browser.open(base + "?lang=ko#/metrics/offices?range=30d&key=" + READ_TOKEN);
      browser.await(WAIT, "the detail view", d -> !d.findElements(org.openqa.selenium.By.cssSelector(
          ".metric-detail__chart canvas")).isEmpty());
      assertThat(browser.driver.getCurrentUrl()).isEqualTo(base + "?lang=ko#/metrics/offices?range=30d");
      assertThat(browser.js("return document.documentElement.classList.contains('kiosk')")).isEqualTo(false);

      browser.open(base + "?lang=ko");
      browser.awaitText(WEEKLY_USERS, "7억 명", WAIT);
      assertThat(browser.find("[data-forget-key]").getText()).isEqualTo("키 지우기");
      browser.find("[data-forget-key]").click();
      browser.await(WAIT, "the token form", d -> d.findElement(org.openqa.selenium.By.cssSelector(
          ".token-form__input")).isDisplayed());
      assertThat(browser.js("return localStorage.getItem('pulseboard.token')")).isNull();
    }
  }

  @Test
  void a_failed_tv_link_shows_the_servers_answer_as_text() {
    try (Browser browser = Browser.start()) {
      browser.open(base + "#/?key=" + READ_TOKEN);
      browser.awaitText(WEEKLY_USERS, "700M users", WAIT);
      browser.find("[data-tv-link-open]").click();
      browser.find("#tv-link-name").clear();
      browser.find("#tv-link-name").sendKeys("<b>lobby</b>");
      browser.find("#tv-link-admin").sendKeys("pb_not-an-admin-token-<i>x</i>");
      browser.find(".tv-link__create").click();
      String error = browser.await(WAIT, "an error", d -> {
        String text = d.findElement(org.openqa.selenium.By.cssSelector(".tv-link__error")).getText();
        return text.isEmpty() ? null : text;
      });
      assertThat(error).startsWith("Could not create the link: ");
      assertThat(browser.findAll(".tv-link b, .tv-link i")).isEmpty();
      assertThat(browser.find(".tv-link__result").isDisplayed()).isFalse();
      assertThat(browser.find("#tv-link-admin").getAttribute("value")).isEmpty();
      browser.screenshot("tv-link-failed");
    }
  }

  /** The link made in the page opens the dashboard. */
  @Test
  void an_admin_makes_a_tv_link_that_opens_the_dashboard() {
    try (Browser browser = Browser.start()) {
      browser.open(base + "#/?key=" + READ_TOKEN);
      browser.awaitText(WEEKLY_USERS, "700M users", WAIT);
      browser.find("[data-tv-link-open]").click();
      browser.find("#tv-link-admin").sendKeys(TestApp.ADMIN_TOKEN);
      browser.find(".tv-link__create").click();
      String link = browser.await(WAIT, "a link", d -> {
        String value = d.findElement(org.openqa.selenium.By.cssSelector("#tv-link-url")).getAttribute("value");
        return value == null || value.isEmpty() ? null : value;
      });
      assertThat(link).startsWith(base + "#/?kiosk=1&key=pb_");
      browser.find(".tv-link__copy").click();
      browser.await(WAIT, "copied", d -> !d.findElement(org.openqa.selenium.By.cssSelector(".tv-link__status"))
          .getText().isEmpty());
      browser.js("localStorage.clear(); sessionStorage.clear();");
      browser.open(link);
      browser.awaitText(WEEKLY_USERS, "700M users", WAIT);
      assertThat(browser.driver.getCurrentUrl()).isEqualTo(base + "#/?kiosk=1");
    }
  }

  private static void awaitLive(Browser browser) {
    browser.await(WAIT, "live updates", d -> d.findElement(org.openqa.selenium.By.cssSelector(".status-pill"))
        .getAttribute("data-status").equals("live"));
  }
}
