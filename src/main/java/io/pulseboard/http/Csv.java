package io.pulseboard.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.TreeSet;

/** History as CSV (RFC 4180): one row per point, one column per label key. */
final class Csv {
  private Csv() {}

  static String of(JsonObject history) {
    JsonArray series = history.getJsonArray("series");
    TreeSet<String> keys = new TreeSet<>();
    series.forEach(s -> keys.addAll(((JsonObject) s).getJsonObject("labels").fieldNames()));
    List<String> labelKeys = List.copyOf(keys);
    StringBuilder out = new StringBuilder("metric");
    labelKeys.forEach(k -> out.append(',').append(cell(k)));
    out.append(",ts,value,source\r\n");
    String metric = cell(history.getString("metric"));
    for (Object s : series) {
      JsonObject labels = ((JsonObject) s).getJsonObject("labels");
      for (Object p : ((JsonObject) s).getJsonArray("points")) {
        JsonObject point = (JsonObject) p;
        out.append(metric);
        labelKeys.forEach(k -> out.append(',').append(cell(labels.getString(k, ""))));
        out.append(',').append(point.getString("ts"))
            .append(',').append(point.getValue("value"))
            .append(',').append(cell(point.getString("source", "")))
            .append("\r\n");
      }
    }
    return out.toString();
  }

  private static String cell(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
