package io.pulseboard.http;

import io.pulseboard.input.InputText;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The columns of a CSV import, from its header row: {@code metric}, {@code ts}, {@code value},
 * optionally {@code source}, and any other column is a label key; in any order. Turns a row into
 * the same item a JSON batch holds, for {@link PointItem} to check, so both kinds of request obey
 * one set of rules.
 */
final class CsvColumns {
  static final List<String> REQUIRED = List.of("metric", "ts", "value");
  static final String SOURCE = "source";
  private static final int MAX_LABELS = 16;
  /** A number as JSON writes it: what a CSV value may be (no hex, no {@code NaN}, no spaces). */
  private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  private final List<String> names;
  private final Map<String, Integer> index;

  private CsvColumns(List<String> names, Map<String, Integer> index) {
    this.names = names;
    this.index = index;
  }

  /** The columns of this header row, or a 422 naming every fault of it (pointer {@code /rows/0}). */
  static CsvColumns of(List<String> header, int cellCount) {
    Problem problem = Problem.invalid("the header row is invalid; nothing was written");
    Map<String, Integer> index = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String name = Csv.restore(header.get(i));
      names.add(name);
      String textProblem = InputText.problem(name);
      if (name.isEmpty()) {
        problem.error("/rows/0", "column " + (i + 1) + " has no name");
      } else if (textProblem != null) {
        problem.error("/rows/0", "the name of column " + (i + 1) + " " + textProblem);
      } else if (index.putIfAbsent(name, i) != null) {
        problem.error("/rows/0", "column " + (i + 1) + " repeats the column '" + name + "' (column "
            + (index.get(name) + 1) + ")");
      }
    }
    for (String required : REQUIRED) {
      if (!index.containsKey(required)) {
        problem.error("/rows/0", "the header has no '" + required
            + "' column (the header is metric,ts,value[,source][,<label key>...])");
      }
    }
    int labels = cellCount - REQUIRED.size() - (index.containsKey(SOURCE) ? 1 : 0);
    if (labels > MAX_LABELS) {
      problem.error("/rows/0", "at most " + MAX_LABELS + " label columns, not " + labels);
    }
    if (problem.hasErrors()) {
      throw problem;
    }
    return new CsvColumns(List.copyOf(names), Map.copyOf(index));
  }

  int count() {
    return names.size();
  }

  /**
   * The row as a JSON batch item: {@code value} a number where the cell is one, label and source
   * cells left out when empty, a cell's formula guard ({@code '}, see {@link Csv#neutralise})
   * dropped.
   */
  JsonObject item(List<String> cells) {
    JsonObject item = new JsonObject();
    JsonObject labels = new JsonObject();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String cell = cells.get(i);
      switch (name) {
        case "metric", "ts" -> item.put(name, cell.isEmpty() ? null : Csv.restore(cell));
        case "value" -> item.put(name, value(cell));
        case SOURCE -> item.put(name, cell.isEmpty() ? null : Csv.restore(cell));
        default -> {
          if (!cell.isEmpty()) {
            labels.put(name, Csv.restore(cell));
          }
        }
      }
    }
    return item.put("labels", labels);
  }

  private static Object value(String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    return NUMBER.matcher(cell).matches() ? (Object) Double.valueOf(cell) : cell;
  }
}
