package io.pulseboard.ws;

import io.pulseboard.db.Metric;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A client frame of protocol v1, parsed and checked. {@code metrics} is {@code null} for
 * {@code "*"}; {@code since} is {@code null} when absent.
 */
record Request(String op, JsonObject json, List<String> metrics, Map<String, String> labels, Long since) {

  /** Parses a text frame, or throws the {@link ProtocolError} to answer with. */
  static Request parse(String text) {
    JsonObject json;
    try {
      Object value = Json.decodeValue(text);
      if (!(value instanceof JsonObject object)) {
        throw ProtocolError.badFrame("a frame must be a JSON object");
      }
      json = object;
    } catch (DecodeException e) {
      throw ProtocolError.badFrame("invalid JSON");
    }
    Object op = json.getValue("op");
    if (!(op instanceof String name)) {
      throw ProtocolError.badFrame("a frame needs an \"op\" string");
    }
    return switch (name) {
      case "ping" -> new Request(name, json, null, Map.of(), null);
      case "subscribe" -> new Request(name, json, metrics(json, false), labels(json), since(json));
      case "unsubscribe" -> new Request(name, json, metrics(json, true), Map.of(), null);
      default -> throw new ProtocolError(Frames.UNKNOWN_OP, "unknown op '" + name + "'");
    };
  }

  private static List<String> metrics(JsonObject json, boolean optional) {
    Object value = json.getValue("metrics");
    if (Subscriptions.ALL.equals(value) || (optional && value == null)) {
      return null;
    }
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw ProtocolError.badFrame("\"metrics\" must be \"*\" or a non-empty list of metric ids");
    }
    List<String> ids = new ArrayList<>();
    for (Object id : array) {
      if (!(id instanceof String s) || !Metric.ID.matcher(s).matches()) {
        throw ProtocolError.badFrame("\"metrics\" has " + id + ", which is not a metric id");
      }
      ids.add(s);
    }
    return List.copyOf(new LinkedHashSet<>(ids));
  }

  private static Map<String, String> labels(JsonObject json) {
    Object value = json.getValue("labels");
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject object)) {
      throw ProtocolError.badFrame("\"labels\" must be an object of label values");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object) {
      if (!(e.getValue() instanceof String s)) {
        throw ProtocolError.badFrame("label '" + e.getKey() + "' must have a string value");
      }
      labels.put(e.getKey(), s);
    }
    return labels;
  }

  private static Long since(JsonObject json) {
    Object value = json.getValue("since");
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
      throw ProtocolError.badFrame("\"since\" must be a whole number, a seq the server sent");
    }
    return n.longValue();
  }
}
