package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Boards in a real Chromium against a real Pulseboard with the seeded board "korea-launch": shown
 * in both languages, dark and on a phone; built in the editor with the mouse and with the
 * keyboard alone, saved and seen again after a reload; the playlist of a TV.
 */
class BoardsBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Set -Ddashboard.docs=true to refresh the README's screenshot of a board from this run. */
  private static final boolean UPDATE_DOCS = Boolean.getBoolean("dashboard.docs");

  @RegisterExtension
  static final PageSession PAGE = new PageSession();

  private static Vertx vertx;
  private static Pulseboard app;
  private static Http http;
  private static Browser browser;
  private static String base;
  /** The seeded board's sections, to put back after a test changed them. */
  private static JsonArray seededSections;

  @BeforeAll
  static void start() {
    vertx = PAGE.vertx();
    app = PAGE.app();
    http = PAGE.http();
    base = PAGE.base();
    browser = PAGE.browser();
    seededSections = http.get("/api/v1/boards/korea-launch").bodyAsJsonObject().getJsonArray("sections");
  }

  private void openSeededBoard(String query) {
    browser.load(base + query + "#/boards/korea-launch");
    awaitSeededBoard(browser);
  }

  static void awaitSeededBoard(Browser browser) {
    browser.await(WAIT, "the seeded board", d -> d.findElements(By.cssSelector(".board-section")).size() == 3
        && !d.findElements(By.cssSelector(".chart-tile canvas")).isEmpty()
        && d.findElements(By.cssSelector(".table-tile tbody tr")).size() == 2
        && !d.findElements(By.cssSelector(".kpi-tile .kpi-tile__value")).isEmpty());
  }

  private void signInAsAdmin() {
    browser.js("sessionStorage.setItem('pulseboard.token', arguments[0]);", TestApp.ADMIN_TOKEN);
  }

  private List<String> texts(String css) {
    return browser.findAll(css).stream().map(WebElement::getText).toList();
  }

  @Test
  void the_seeded_board_shows_its_sections_and_tiles_by_kind() throws IOException {
    openSeededBoard("?lang=en");
    assertThat(browser.find("[data-board-title]").getText()).isEqualTo("Korea launch");
    assertThat(texts(".board-section__title")).containsExactly("USERS WORLDWIDE", "KOREA, A YEAR ON", "OFFICES");
    assertThat(browser.findAll(".kpi-tile")).hasSize(2);
    assertThat(browser.find(".kpi-tile[data-metric='weekly_users_yoy'] .kpi-tile__value").getText()).isEqualTo("×4");
    assertThat(texts(".table-tile tbody th")).containsExactly("asia", "global");
    assertThat(texts(".table-tile tbody .table-tile__value")).containsExactly("3 offices", "12 offices");
    assertThat(browser.find(".text-tile__text").getText()).startsWith("OpenAI Korea opened in Seoul");
    assertThat(browser.find(".board-picker__select").getAttribute("value")).isEqualTo("korea-launch");
    assertThat(texts(".label-filter__legend")).containsExactly("Region");
    long chartWidth = browser.find(".chart-tile").getRect().getWidth();
    long kpiWidth = browser.find(".kpi-tile").getRect().getWidth();
    assertThat(chartWidth).as("an xl tile is twice as wide as an m tile").isGreaterThan(kpiWidth * 19 / 10);
    browser.size(1440, 1300);
    Path desktop = browser.screenshot("board-desktop");
    if (UPDATE_DOCS) {
      Files.copy(desktop, Path.of("docs", "board.png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void the_seeded_board_in_korean_dark_and_on_a_phone() {
    openSeededBoard("?lang=ko");
    assertThat(browser.find("[data-board-title]").getText()).isEqualTo("한국 출범");
    assertThat(texts(".board-section__title")).containsExactly("전 세계 사용자", "한국, 1년 전 대비", "지사");
    assertThat(browser.find(".text-tile__text").getText()).startsWith("오픈AI 코리아가");
    assertThat(texts(".table-tile thead th").get(0)).isEqualTo("지역");
    browser.screenshot("board-korean");

    browser.find("[data-theme-toggle]").click();
    assertThat(browser.js("return getComputedStyle(document.querySelector('.table-tile')).backgroundColor"))
        .isEqualTo("rgb(20, 27, 45)");
    browser.screenshot("board-dark");

    browser.size(390, 844);
    openSeededBoard("?lang=ko");
    long scrollWidth = ((Number) browser.js("return document.documentElement.scrollWidth")).longValue();
    long width = ((Number) browser.js("return document.documentElement.clientWidth")).longValue();
    assertThat(scrollWidth).as("no sideways scrolling").isLessThanOrEqualTo(width);
    assertThat(browser.findAll(".board-tile").stream().map(e -> e.getRect().getX()).distinct().toList())
        .as("one column").hasSize(1);
    browser.screenshot("board-phone");
  }

  @Test
  void the_filter_bar_narrows_every_tile_of_the_board() {
    openSeededBoard("?lang=en");
    browser.driver.findElement(By.xpath("//label[contains(@class,'label-filter__option')][input[@value='asia']]")).click();
    browser.await(WAIT, "only the asia row", d -> d.findElements(By.cssSelector(".table-tile tbody tr")).size() == 1);
    assertThat(browser.findAll(".kpi-tile")).isEmpty();
    assertThat(browser.findAll(".chart-tile")).isEmpty();
    assertThat(browser.find(".text-tile__text").isDisplayed()).isTrue();
  }

  @Test
  void an_unknown_board_says_so() {
    browser.open(base + "?lang=en#/boards/no-such-board");
    browser.awaitText("[data-message]", "There is no board “no-such-board”.", WAIT);
  }

  @Test
  void an_admin_builds_a_board_with_the_mouse_saves_it_and_sees_it_after_a_reload() {
    signInAsAdmin();
    browser.open(base + "?lang=en");
    browser.await(WAIT, "the new board button", d -> d.findElement(By.cssSelector("[data-new-board]")).isDisplayed());
    browser.find("[data-new-board]").click();
    WebElement title = browser.await(WAIT, "the editor", d -> d.findElement(By.cssSelector(".board-editor input[name='titleEn']")));
    title.clear();
    title.sendKeys("Launch review");
    browser.find(".board-editor input[name='titleKo']").sendKeys("출범 검토");

    browser.find(".board-editor__add-tile").click();
    new Select(browser.find(".tile-form select[name='metric']")).selectByValue("weekly_users");
    new Select(browser.find(".tile-form select[data-label-key='region']")).selectByValue("global");
    new Select(browser.find(".tile-form select[name='size']")).selectByValue("l");
    browser.find(".tile-form__apply").click();

    browser.find(".board-editor__add-tile").click();
    new Select(browser.find(".tile-form select[name='kind']")).selectByValue("chart");
    new Select(browser.find(".tile-form select[name='metric']")).selectByValue("offices");
    new Select(browser.find(".tile-form select[data-label-key='region']")).selectByValue("*");
    new Select(browser.find(".tile-form select[name='range']")).selectByValue("all");
    browser.find(".tile-form__apply").click();

    browser.find(".board-editor__add-text").click();
    browser.find(".tile-form textarea[name='textEn']").sendKeys("Figures of the <b>launch</b> report.");
    browser.find(".tile-form__apply").click();
    assertThat(kinds()).containsExactly("kpi", "chart", "text");

    // Drag the text card by its handle onto the left half of the first card.
    WebElement first = browser.find(".board-editor__tile[data-index='0']");
    new Actions(browser.driver)
        .clickAndHold(browser.find(".board-editor__tile[data-index='2'] .board-editor__handle"))
        .moveToElement(first, -first.getRect().getWidth() / 4, 0)
        .moveToElement(first, -first.getRect().getWidth() / 3, 0)
        .release().perform();
    browser.await(WAIT, "the text card first", d -> kinds().equals(List.of("text", "kpi", "chart")));
    assertThat(browser.find("[data-announcer]").getAttribute("textContent")).contains("to position 1 of 3");
    new Select(browser.find(".board-editor__tile[data-index='2'] .board-editor__size")).selectByValue("xl");

    browser.find(".board-editor__save").click();
    awaitSaved("#/boards/launch-review");
    assertBuiltBoard();
    browser.open(base + "?lang=en#/boards/launch-review");
    assertBuiltBoard();
    JsonObject stored = http.get("/api/v1/boards/launch-review").bodyAsJsonObject();
    assertThat(stored.getJsonObject("title").getString("ko")).isEqualTo("출범 검토");
    assertThat(stored.getJsonArray("sections").getJsonObject(0).getJsonArray("tiles").getJsonObject(2).getString("size"))
        .isEqualTo("xl");
  }

  /** Waits until the editor closed on the saved board, or fails with what the editor says. */
  private void awaitSaved(String hash) {
    String outcome = browser.await(WAIT, "the save's outcome", d -> {
      if (d.getCurrentUrl().endsWith(hash) && !d.findElement(By.cssSelector(".board-editor")).isDisplayed()) {
        return "saved";
      }
      String status = d.findElement(By.cssSelector(".board-editor__status")).getText();
      String conflict = d.findElement(By.cssSelector(".board-editor__conflict-text")).getText();
      return status.isEmpty() || status.endsWith("…") ? (conflict.isEmpty() ? null : conflict) : status;
    });
    assertThat(outcome).isIn("saved", "Saved.");
    browser.await(WAIT, "the saved board", d -> d.getCurrentUrl().endsWith(hash));
  }

  /** The kinds of the editor's cards in order, read at one instant (the grid re-renders after a move). */
  @SuppressWarnings("unchecked")
  private List<String> kinds() {
    return (List<String>) browser.js("return [...document.querySelectorAll('.board-editor__tile')]"
        + ".map(e => e.dataset.kind)");
  }

  private void assertBuiltBoard() {
    browser.await(WAIT, "the built board", d -> !d.findElements(By.cssSelector(".chart-tile canvas")).isEmpty()
        && !d.findElements(By.cssSelector(".kpi-tile .kpi-tile__value")).isEmpty());
    assertThat(browser.find("[data-board-title]").getText()).isEqualTo("Launch review");
    assertThat(browser.find(".text-tile__text").getText()).isEqualTo("Figures of the <b>launch</b> report.");
    assertThat(browser.findAll(".text-tile b")).as("text, never HTML").isEmpty();
    assertThat(browser.find(".board-tile:nth-child(2)").getAttribute("data-labels")).isEqualTo("{\"region\":\"global\"}");
    assertThat(texts(".chart-tile__series")).containsExactly("asia", "global");
    assertThat(browser.find(".chart-tile").getAttribute("class")).contains("board-tile--xl");
  }

  @Test
  void an_admin_edits_a_board_with_the_keyboard_alone() {
    signInAsAdmin();
    openSeededBoard("?lang=en");
    tabTo("[data-edit-board]").sendKeys(Keys.ENTER);
    browser.await(WAIT, "the editor's tiles", d -> d.findElements(By.cssSelector(".board-editor__tile")).size() == 5);

    String kpi = ".board-editor__section[data-section='1'] .board-editor__tile[data-index='0']";
    tabTo(kpi + " .board-editor__down").sendKeys(Keys.ENTER);
    assertThat(browser.find("[data-announcer]").getAttribute("textContent"))
        .isEqualTo("Moved “Weekly users vs a year earlier” to position 2 of 2 in Korea, a year on.");
    WebElement focused = browser.driver.switchTo().activeElement();
    assertThat(focused.getAttribute("aria-label")).isEqualTo("Move down: Weekly users vs a year earlier");
    focused.sendKeys(Keys.ENTER);
    assertThat(browser.find("[data-announcer]").getAttribute("textContent"))
        .isEqualTo("Moved “Weekly users vs a year earlier” to position 1 of 3 in Offices.");

    tabTo(".board-editor__section[data-section='0'] .board-editor__add-text").sendKeys(Keys.ENTER);
    tabTo(".tile-form textarea[name='textEn']").sendKeys("Typed without a mouse.");
    tabTo(".tile-form textarea[name='textKo']").sendKeys("마우스 없이 입력했다.");
    tabTo(".tile-form__apply").sendKeys(Keys.ENTER);
    tabTo(".board-editor__section[data-section='0'] .board-editor__tile[data-index='1'] .board-editor__size")
        .sendKeys(Keys.ARROW_DOWN);
    WebElement titleEn = tabTo(".board-editor input[name='titleEn']");
    titleEn.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Korea launch, reviewed");
    tabTo(".board-editor__save").sendKeys(Keys.ENTER);
    awaitSaved("#/boards/korea-launch");
    browser.await(WAIT, "the board shown again", d -> d.findElement(By.cssSelector("[data-dashboard]")).isDisplayed()
        && "Korea launch, reviewed".equals(d.findElement(By.cssSelector("[data-board-title]")).getText()));
    browser.open(base + "?lang=ko#/boards/korea-launch");
    browser.await(WAIT, "the Korean text", d -> texts(".text-tile__text").contains("마우스 없이 입력했다."));
    JsonObject stored = http.get("/api/v1/boards/korea-launch").bodyAsJsonObject();
    JsonObject users = stored.getJsonArray("sections").getJsonObject(0);
    assertThat(users.getJsonArray("tiles").getJsonObject(1).getString("size")).isEqualTo("l");
    assertThat(stored.getJsonArray("sections").getJsonObject(2).getJsonArray("tiles").getJsonObject(0).getString("metric"))
        .isEqualTo("weekly_users_yoy");
    restoreSeededBoard();
  }

  /**
   * Presses Tab (or Shift+Tab, for an element before the focused one) until the element has
   * focus: proves it is reachable with the keyboard.
   */
  private WebElement tabTo(String css) {
    WebElement target = browser.find(css);
    boolean back = (Boolean) browser.js("return !!document.activeElement && document.activeElement !== document.body"
        + " && !!(arguments[0].compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING);", target);
    CharSequence key = back ? Keys.chord(Keys.SHIFT, Keys.TAB) : Keys.TAB;
    for (int i = 0; i < 150; i++) {
      if (target.equals(browser.driver.switchTo().activeElement())) {
        return target;
      }
      new Actions(browser.driver).sendKeys(key).perform();
    }
    throw new AssertionError("not reachable with the Tab key: " + css);
  }

  private void restoreSeededBoard() {
    JsonObject board = http.get("/api/v1/boards/korea-launch").bodyAsJsonObject();
    board.put("title", new JsonObject().put("en", "Korea launch").put("ko", "한국 출범"));
    board.put("sections", seededSections.copy());
    assertThat(http.send(HttpMethod.PUT, "/api/v1/boards/korea-launch", board.encode()).statusCode()).isEqualTo(200);
  }

  @Test
  void a_playlist_rotates_through_its_boards_on_one_socket() {
    browser.size(1920, 1080);
    browser.open(base + "#/?kiosk=1&boards=korea-launch,all&rotate=5s");
    awaitSeededBoard(browser);
    assertThat(browser.find("html").getAttribute("data-playlist-board")).isEqualTo("korea-launch");
    browser.js("window.notReloaded = true");
    double sockets = openSockets();
    browser.await(Duration.ofSeconds(12), "the generated board next", d ->
        "all".equals(d.findElement(By.cssSelector("html")).getAttribute("data-playlist-board"))
            && d.findElements(By.cssSelector(".kpi-tile")).size() == 5);
    assertThat(browser.findAll(".chart-tile")).as("the previous board's charts are gone").isEmpty();
    assertThat(browser.findAll(".board-section")).hasSize(1);
    browser.await(Duration.ofSeconds(12), "the first board again", d ->
        "korea-launch".equals(d.findElement(By.cssSelector("html")).getAttribute("data-playlist-board")));
    awaitSeededBoard(browser);
    assertThat(browser.findAll(".chart-tile canvas")).hasSize(1);
    assertThat(browser.js("return window.notReloaded")).isEqualTo(true);
    assertThat(openSockets()).as("no socket opened by the rotation").isLessThanOrEqualTo(sockets);
  }

  /** The server's count of open WebSockets (its Prometheus gauge). */
  private static double openSockets() {
    Matcher m = Pattern.compile("(?m)^pulseboard_websocket_connections (\\S+)$")
        .matcher(http.get("/metrics").bodyAsString());
    assertThat(m.find()).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
