package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tile of a board: a closed set of kinds, each a record. A tile that shows data selects its
 * series by a metric and a label filter, whose values are a label value or {@code *} (one tile,
 * or one series, per value of that key); an empty filter selects every series of the metric.
 */
public sealed interface BoardTile permits BoardTile.Kpi, BoardTile.Chart, BoardTile.Table, BoardTile.Text {
  /** A label filter's value that stands for every value of its key. */
  String EVERY_VALUE = "*";

  /** The kinds, as the JSON names them. */
  enum Kind {
    KPI, CHART, TABLE, TEXT;

    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of this JSON name, or null. */
    public static Kind of(String json) {
      for (Kind k : values()) {
        if (k.json().equals(json)) {
          return k;
        }
      }
      return null;
    }
  }

  /** How many grid columns a tile spans: s 1, m 2, l 3, xl 4. */
  enum Size {
    S, M, L, XL;

    public static final Size DEFAULT = M;

    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The size of this JSON name, or null. */
    public static Size of(String json) {
      for (Size s : values()) {
        if (s.json().equals(json)) {
          return s;
        }
      }
      return null;
    }
  }

  Kind kind();

  Size size();

  /** The metric it shows, or null for a text tile. */
  String metric();

  /** The tile as the API gives it: every field, defaults written out. */
  JsonObject toJson();

  /** The value of {@code kpi}: latest figure, changes, sparkline and goal of each selected series. */
  record Kpi(String metric, Map<String, String> labels, Size size) implements BoardTile {
    public Kpi {
      labels = sorted(labels);
    }

    @Override
    public Kind kind() {
      return Kind.KPI;
    }

    @Override
    public JsonObject toJson() {
      return base(this).put("metric", metric).put("labels", labelsJson(labels)).put("size", size.json());
    }
  }

  /** A time chart of the selected series over {@code range}: {@code 30d}, {@code 1y}, {@code all} or an ISO-8601 duration. */
  record Chart(String metric, Map<String, String> labels, String range, Size size) implements BoardTile {
    /** The range a chart shows when none is given. */
    public static final String DEFAULT_RANGE = "1y";

    public Chart {
      labels = sorted(labels);
    }

    @Override
    public Kind kind() {
      return Kind.CHART;
    }

    @Override
    public JsonObject toJson() {
      return base(this).put("metric", metric).put("labels", labelsJson(labels)).put("range", range)
          .put("size", size.json());
    }
  }

  /** The selected series side by side, one row per value of the label key {@code by}. */
  record Table(String metric, Map<String, String> labels, String by, Size size) implements BoardTile {
    public Table {
      labels = sorted(labels);
    }

    @Override
    public Kind kind() {
      return Kind.TABLE;
    }

    @Override
    public JsonObject toJson() {
      return base(this).put("metric", metric).put("labels", labelsJson(labels)).put("by", by).put("size", size.json());
    }
  }

  /** A note by the board's author, shown as text, never as HTML. */
  record Text(LocalizedText text, Size size) implements BoardTile {
    @Override
    public Kind kind() {
      return Kind.TEXT;
    }

    @Override
    public String metric() {
      return null;
    }

    @Override
    public JsonObject toJson() {
      return base(this).put("text", text.toJson()).put("size", size.json());
    }
  }

  /** A tile read back from storage, where it was written by {@link #toJson()} after its checks. */
  static BoardTile fromJson(JsonObject json) {
    Size size = Size.of(json.getString("size"));
    String metric = json.getString("metric");
    Map<String, String> labels = labels(json.getJsonObject("labels"));
    return switch (Kind.of(json.getString("kind"))) {
      case KPI -> new Kpi(metric, labels, size);
      case CHART -> new Chart(metric, labels, json.getString("range"), size);
      case TABLE -> new Table(metric, labels, json.getString("by"), size);
      case TEXT -> new Text(LocalizedText.fromJson(json.getJsonObject("text")), size);
    };
  }

  private static JsonObject base(BoardTile tile) {
    return new JsonObject().put("kind", tile.kind().json());
  }

  private static JsonObject labelsJson(Map<String, String> labels) {
    JsonObject json = new JsonObject();
    labels.forEach(json::put);
    return json;
  }

  private static Map<String, String> labels(JsonObject json) {
    Map<String, String> labels = new TreeMap<>();
    if (json != null) {
      json.forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return labels;
  }

  private static Map<String, String> sorted(Map<String, String> labels) {
    return Collections.unmodifiableMap(new TreeMap<>(labels));
  }
}
