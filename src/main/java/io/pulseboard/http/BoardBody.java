package io.pulseboard.http;

import io.pulseboard.db.Board;
import io.pulseboard.db.BoardTile;
import io.pulseboard.db.BoardTile.Kind;
import io.pulseboard.db.BoardTile.Size;
import io.pulseboard.db.LocalizedText;
import io.pulseboard.db.Metric;
import io.pulseboard.input.InputText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A board from a {@code PUT} body the contract has validated at the top (id, title, at most
 * {@link Board#MAX_SECTIONS} sections): its sections and tiles checked here against the metrics,
 * each fault added to the problem with its JSON pointer, e.g. {@code /sections/0/tiles/3/metric}.
 */
final class BoardBody {
  private static final Set<String> SECTION_FIELDS = Set.of("title", "tiles");
  private static final Map<Kind, Set<String>> TILE_FIELDS = Map.of(
      Kind.KPI, Set.of("kind", "metric", "labels", "size"),
      Kind.CHART, Set.of("kind", "metric", "labels", "range", "size"),
      Kind.TABLE, Set.of("kind", "metric", "labels", "by", "size"),
      Kind.TEXT, Set.of("kind", "text", "size"));
  private static final Set<String> NAMED_RANGES = Set.of("30d", "1y", "all");
  private static final int MAX_RANGE = 32;
  private static final int MAX_LABEL_VALUE = 200;
  private static final int MAX_LABELS = 16;

  private final Problem problem;
  private final Map<String, Metric> metrics;
  private int tiles;

  private BoardBody(Problem problem, Map<String, Metric> metrics) {
    this.problem = problem;
    this.metrics = metrics;
  }

  /** The metric ids the body's tiles name, to be looked up before {@link #parse}. */
  static List<String> metricIds(JsonObject body) {
    List<String> ids = new ArrayList<>();
    body.getJsonArray("sections", new JsonArray()).forEach(s -> {
      if (s instanceof JsonObject section && section.getValue("tiles") instanceof JsonArray tiles) {
        tiles.forEach(t -> {
          if (t instanceof JsonObject tile && tile.getValue("metric") instanceof String id) {
            ids.add(id);
          }
        });
      }
    });
    return ids.stream().distinct().toList();
  }

  /** The board the body defines, version 0; faults go to the problem, and the result then must not be used. */
  static Board parse(String id, JsonObject body, Map<String, Metric> metrics, Problem problem) {
    return new BoardBody(problem, metrics).board(id, body);
  }

  private Board board(String id, JsonObject body) {
    if (body.containsKey("id") && !id.equals(body.getValue("id"))) {
      problem.error("/id", "the id in the body must match the id in the path, '" + id + "'");
    }
    LocalizedText title = BoardText.parse(problem, "/title", body.getValue("title"), Board.MAX_TITLE);
    List<Board.Section> sections = new ArrayList<>();
    JsonArray given = body.getJsonArray("sections");
    for (int i = 0; i < given.size(); i++) {
      Board.Section section = section("/sections/" + i, given.getValue(i));
      if (section != null) {
        sections.add(section);
      }
    }
    return new Board(id, title, problem.hasErrors() ? List.of() : sections, 0, null);
  }

  private Board.Section section(String pointer, Object value) {
    if (tiles > Board.MAX_TILES) {
      return null;
    }
    if (!(value instanceof JsonObject json)) {
      problem.error(pointer, "a section is an object with \"tiles\" and an optional \"title\"");
      return null;
    }
    unknownFields(pointer, json, SECTION_FIELDS);
    LocalizedText title = json.containsKey("title")
        ? BoardText.parse(problem, pointer + "/title", json.getValue("title"), Board.MAX_TITLE) : null;
    List<BoardTile> tiles = new ArrayList<>();
    if (!(json.getValue("tiles") instanceof JsonArray given)) {
      problem.error(pointer + "/tiles", "a section has \"tiles\", a list (it may be empty)");
      return null;
    }
    for (int i = 0; i < given.size(); i++) {
      String at = pointer + "/tiles/" + i;
      if (++this.tiles > Board.MAX_TILES) {
        // One error for the lot: the tiles past the limit are not checked, so a huge body costs no more.
        problem.error(at, "a board has at most " + Board.MAX_TILES + " tiles in all; this is tile " + this.tiles);
        return null;
      }
      BoardTile tile = tile(at, given.getValue(i));
      if (tile != null) {
        tiles.add(tile);
      }
    }
    return new Board.Section(title, tiles);
  }

  private BoardTile tile(String pointer, Object value) {
    if (!(value instanceof JsonObject json)) {
      problem.error(pointer, "a tile is an object with a \"kind\"");
      return null;
    }
    Kind kind = json.getValue("kind") instanceof String k ? Kind.of(k) : null;
    if (kind == null) {
      problem.error(pointer + "/kind", "the kind is one of kpi, chart, table, text");
      return null;
    }
    unknownFields(pointer, json, TILE_FIELDS.get(kind));
    Size size = size(pointer + "/size", json.getValue("size", Size.DEFAULT.json()));
    if (kind == Kind.TEXT) {
      return new BoardTile.Text(BoardText.parse(problem, pointer + "/text", json.getValue("text"), Board.MAX_TEXT), size);
    }
    Metric metric = metric(pointer + "/metric", json.getValue("metric"));
    Map<String, String> labels = labels(pointer + "/labels", json.getValue("labels", new JsonObject()), metric);
    String id = metric == null ? null : metric.id();
    return switch (kind) {
      case KPI -> new BoardTile.Kpi(id, labels, size);
      case CHART -> new BoardTile.Chart(id, labels, range(pointer + "/range",
          json.getValue("range", BoardTile.Chart.DEFAULT_RANGE)), size);
      default -> new BoardTile.Table(id, labels, by(pointer + "/by", json.getValue("by"), metric), size);
    };
  }

  private void unknownFields(String pointer, JsonObject json, Set<String> known) {
    json.fieldNames().stream().filter(f -> !known.contains(f)).sorted().forEach(f ->
        problem.error(pointer + "/" + Requests.pointerToken(f), "unknown property " + InputText.quote(f)
            + "; this object takes " + known.stream().sorted().toList()));
  }

  private Size size(String pointer, Object value) {
    Size size = value instanceof String s ? Size.of(s) : null;
    if (size == null) {
      problem.error(pointer, "the size is one of s, m, l, xl (1 to 4 grid columns)");
    }
    return size;
  }

  private Metric metric(String pointer, Object value) {
    if (!(value instanceof String id) || !Metric.ID.matcher(id).matches()) {
      problem.error(pointer, "a tile that shows data names a metric id, e.g. \"weekly_users\"");
      return null;
    }
    Metric metric = metrics.get(id);
    if (metric == null) {
      problem.error(pointer, "unknown metric '" + id + "'");
    }
    return metric;
  }

  private Map<String, String> labels(String pointer, Object value, Metric metric) {
    Map<String, String> labels = new TreeMap<>();
    if (!(value instanceof JsonObject json)) {
      problem.error(pointer, "labels are an object of label key → value or \"*\", e.g. {\"region\": \"kr\"}");
      return labels;
    }
    if (json.size() > MAX_LABELS) {
      problem.error(pointer, "a label filter has at most " + MAX_LABELS + " keys, as a metric has at most so many labels");
      return labels;
    }
    json.forEach(e -> {
      String at = pointer + "/" + Requests.pointerToken(e.getKey());
      if (!Requests.checkText(problem, at, e.getKey())) {
        return;
      }
      if (metric != null && !metric.labels().contains(e.getKey())) {
        problem.error(at, InputText.quote(e.getKey()) + " is not a label of " + metric.id() + ", whose labels are "
            + metric.labels());
      } else if (!(e.getValue() instanceof String v) || v.isEmpty() || v.length() > MAX_LABEL_VALUE) {
        problem.error(at, "a label filter's value is a label value (1 to " + MAX_LABEL_VALUE
            + " characters) or \"*\" for each value");
      } else if (Requests.checkText(problem, at, v)) {
        labels.put(e.getKey(), v);
      }
    });
    return labels;
  }

  private String range(String pointer, Object value) {
    if (value instanceof String s && (NAMED_RANGES.contains(s) || isPositiveDuration(s))) {
      return s;
    }
    problem.error(pointer, "the range is 30d, 1y, all, or an ISO-8601 duration such as P90D");
    return null;
  }

  private static boolean isPositiveDuration(String text) {
    if (text.length() > MAX_RANGE || !text.startsWith("P")) {
      return false;
    }
    try {
      Period period = Period.parse(text);
      return !period.isNegative() && !period.isZero();
    } catch (DateTimeParseException e) {
      try {
        Duration duration = Duration.parse(text);
        return !duration.isNegative() && !duration.isZero();
      } catch (DateTimeParseException e2) {
        return false;
      }
    }
  }

  private String by(String pointer, Object value, Metric metric) {
    if (!(value instanceof String key)) {
      problem.error(pointer, "a table names \"by\", the label key its rows are, e.g. \"region\"");
      return null;
    }
    if (metric != null && !metric.labels().contains(key)) {
      problem.error(pointer, InputText.quote(key) + " is not a label of " + metric.id()
          + ", whose labels are " + metric.labels());
    }
    return key;
  }
}
