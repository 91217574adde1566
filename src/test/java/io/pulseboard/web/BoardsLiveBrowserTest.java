package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Boards changed elsewhere, in real Chromiums: a board saved through the API of another instance
 * re-renders without a reload; two people editing one board, the second save meets the conflict
 * and chooses to overwrite; an open draft is not replaced by a change elsewhere.
 */
class BoardsLiveBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private Vertx vertx;
  private Pulseboard shown;
  private Pulseboard other;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    String database = TestDatabase.create();
    shown = TestApp.start(database, Map.of());
    other = TestApp.start(database, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    try {
      shown.close();
      other.close();
    } finally {
      vertx.close().await();
    }
  }

  private String base() {
    return "http://127.0.0.1:" + shown.port() + "/";
  }

  private static JsonObject board(Http http) {
    return http.get("/api/v1/boards/korea-launch").bodyAsJsonObject();
  }

  private static void awaitLive(Browser browser) {
    browser.await(WAIT, "live", d -> "live".equals(
        d.findElement(By.cssSelector("[data-status-pill]")).getAttribute("data-status")));
  }

  @Test
  void a_board_saved_on_another_instance_re_renders_without_a_reload() {
    try (Browser browser = Browser.start(); Http http = new Http(vertx, other.port())) {
      browser.load(base() + "?lang=en#/boards/korea-launch");
      BoardsBrowserTest.awaitSeededBoard(browser);
      awaitLive(browser);
      browser.js("window.notReloaded = true");

      JsonObject changed = board(http);
      changed.getJsonObject("title").put("en", "Korea launch, live");
      changed.getJsonArray("sections").getJsonObject(0).getJsonArray("tiles").add(new JsonObject()
          .put("kind", "text").put("text", new JsonObject().put("en", "Written on another instance")).put("size", "s"));
      assertThat(http.send(HttpMethod.PUT, "/api/v1/boards/korea-launch", changed.encode()).statusCode()).isEqualTo(200);

      browser.awaitText("[data-board-title]", "Korea launch, live", WAIT);
      browser.await(WAIT, "the new text tile", d -> d.findElements(By.cssSelector(".text-tile__text")).stream()
          .anyMatch(e -> e.getText().equals("Written on another instance")));
      assertThat(browser.js("return window.notReloaded")).isEqualTo(true);
      assertThat(browser.find(".board-picker__select option[value='korea-launch']").getText()).isEqualTo("Korea launch, live");
      assertThat(browser.findAll(".chart-tile canvas")).as("the chart is kept").hasSize(1);
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  @Test
  void two_people_edit_one_board_and_the_second_save_meets_the_conflict() {
    try (Browser first = Browser.start(); Browser second = Browser.start(); Http http = new Http(vertx, other.port())) {
      for (Browser browser : new Browser[] {first, second}) {
        browser.open(base() + "?lang=en");
        browser.js("sessionStorage.setItem('pulseboard.token', arguments[0]);", TestApp.ADMIN_TOKEN);
        browser.load(base() + "?lang=en#/boards/korea-launch");
        BoardsBrowserTest.awaitSeededBoard(browser);
        awaitLive(browser);
        browser.find("[data-edit-board]").click();
        browser.await(WAIT, "the editor", d -> d.findElement(By.cssSelector(".board-editor input[name='titleEn']")).isDisplayed());
      }
      first.find(".board-editor input[name='titleEn']").clear();
      first.find(".board-editor input[name='titleEn']").sendKeys("Saved first");
      first.find(".board-editor__save").click();
      first.awaitText("[data-board-title]", "Saved first", WAIT);

      // The second editor hears of it, but keeps its draft.
      second.await(WAIT, "the notice", d -> d.findElement(By.cssSelector(".board-editor__notice")).isDisplayed());
      assertThat(second.find(".board-editor input[name='titleEn']").getAttribute("value")).isEqualTo("Korea launch");
      second.find(".board-editor input[name='titleEn']").clear();
      second.find(".board-editor input[name='titleEn']").sendKeys("Saved second");
      second.find(".board-editor__save").click();
      second.awaitText(".board-editor__conflict-text", "Changed elsewhere: reload or overwrite.", WAIT);
      assertThat(board(http).getJsonObject("title").getString("en")).isEqualTo("Saved first");

      second.find(".board-editor__overwrite").click();
      second.find(".board-editor__overwrite-yes").click();
      second.awaitText("[data-board-title]", "Saved second", WAIT);
      assertThat(board(http).getJsonObject("title").getString("en")).isEqualTo("Saved second");
      first.awaitText("[data-board-title]", "Saved second", WAIT);
      assertThat(first.consoleErrors()).isEmpty();
      assertThat(second.consoleErrors()).as("the 412 is the only failed request")
          .allMatch(e -> e.contains("412"));
    }
  }

  @Test
  void cancel_leaves_the_board_untouched() {
    try (Browser browser = Browser.start(); Http http = new Http(vertx, other.port())) {
      JsonObject before = board(http);
      browser.open(base() + "?lang=en");
      browser.js("sessionStorage.setItem('pulseboard.token', arguments[0]);", TestApp.ADMIN_TOKEN);
      browser.load(base() + "?lang=en#/boards/korea-launch");
      BoardsBrowserTest.awaitSeededBoard(browser);
      browser.find("[data-edit-board]").click();
      browser.await(WAIT, "the editor", d -> d.findElement(By.cssSelector(".board-editor__remove")).isDisplayed());
      browser.find(".board-editor__remove").click();
      browser.find(".board-editor__remove-section").click();
      browser.find(".board-editor__cancel").click();
      BoardsBrowserTest.awaitSeededBoard(browser);
      assertThat(browser.findAll(".board-section")).hasSize(3);
      assertThat(board(http).getJsonArray("sections")).isEqualTo(before.getJsonArray("sections"));
      assertThat(board(http).getLong("version")).as("nothing was saved").isEqualTo(before.getLong("version"));
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }
}
