package io.pulseboard.ws;

import io.pulseboard.db.Event;
import io.pulseboard.db.Metric;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A client frame of protocol v1, parsed and checked: one record per {@code op}. Java 17 has no
 * pattern {@code switch}, so the exhaustive switch is {@link #dispatch}: a new op is a new
 * {@link Handler} method, and every handler fails to compile until it handles it.
 */
sealed interface ClientMessage {
  /** The topics a {@code watch} may name, as an error message lists them. */
  String KNOWN_TOPICS = String.join(", ", new TreeSet<>(Event.TOPICS));

  /** One method per op. */
  interface Handler {
    void ping(Ping ping);

    void subscribe(Subscribe subscribe);

    void unsubscribe(Unsubscribe unsubscribe);

    void watch(Watch watch);

    void unwatch(Unwatch unwatch);
  }

  /** Calls the handler's method for this op. */
  void dispatch(Handler handler);

  /** {@code ping}: answered with a {@code pong} carrying the same {@code id}, when it had one (even null). */
  record Ping(boolean hasId, Object id) implements ClientMessage {
    @Override
    public void dispatch(Handler handler) {
      handler.ping(this);
    }
  }

  /**
   * {@code subscribe}.
   *
   * @param metrics distinct metric ids, never empty; {@code null} for {@code "*"}
   * @param labels the label filter, empty for none
   * @param since the last seq the client has; {@code null} when absent
   */
  record Subscribe(List<String> metrics, Map<String, String> labels, Long since) implements ClientMessage {
    @Override
    public void dispatch(Handler handler) {
      handler.subscribe(this);
    }
  }

  /** {@code unsubscribe}; {@code metrics} is {@code null} for all of them ({@code "*"} or absent). */
  record Unsubscribe(List<String> metrics) implements ClientMessage {
    @Override
    public void dispatch(Handler handler) {
      handler.unsubscribe(this);
    }
  }

  /**
   * {@code watch}: the event topics to follow from now on (replacing those followed before).
   *
   * @param topics distinct topics of {@link Event#TOPICS}, never empty
   * @param since the last event seq the client has; {@code null} when absent
   */
  record Watch(List<String> topics, Long since) implements ClientMessage {
    @Override
    public void dispatch(Handler handler) {
      handler.watch(this);
    }
  }

  /** {@code unwatch}; {@code topics} is {@code null} for all of them (absent). */
  record Unwatch(List<String> topics) implements ClientMessage {
    @Override
    public void dispatch(Handler handler) {
      handler.unwatch(this);
    }
  }

  /** Parses a text frame, or throws the {@link ProtocolError} to answer with; never anything else. */
  static ClientMessage parse(String text) {
    JsonObject json = object(text);
    Object op = json.getValue("op");
    if (!(op instanceof String name)) {
      throw ProtocolError.badFrame("a frame needs an \"op\" string");
    }
    return switch (name) {
      case "ping" -> new Ping(json.containsKey("id"), json.getValue("id"));
      case "subscribe" -> new Subscribe(metrics(json, false), labels(json), since(json));
      case "unsubscribe" -> new Unsubscribe(metrics(json, true));
      case "watch" -> new Watch(topics(json, false), since(json));
      case "unwatch" -> new Unwatch(topics(json, true));
      default -> throw new ProtocolError(Frames.UNKNOWN_OP, "unknown op '" + name + "'");
    };
  }

  private static JsonObject object(String text) {
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw ProtocolError.badFrame("invalid JSON");
    }
    if (!(value instanceof JsonObject object)) {
      throw ProtocolError.badFrame("a frame must be a JSON object");
    }
    return object;
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

  private static List<String> topics(JsonObject json, boolean optional) {
    Object value = json.getValue("topics");
    if (optional && value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw ProtocolError.badFrame("\"topics\" must be a non-empty list of " + KNOWN_TOPICS);
    }
    List<String> topics = new ArrayList<>();
    for (Object topic : array) {
      if (!(topic instanceof String s) || !Event.TOPICS.contains(s)) {
        throw ProtocolError.badFrame("\"topics\" has " + topic + ", which is not one of " + KNOWN_TOPICS);
      }
      topics.add(s);
    }
    return List.copyOf(new LinkedHashSet<>(topics));
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
    return Collections.unmodifiableMap(labels);
  }

  private static Long since(JsonObject json) {
    Object value = json.getValue("since");
    if (value == null) {
      return null;
    }
    Long seq = wholeNumber(value);
    if (seq == null || seq < 0) {
      throw ProtocolError.badFrame("\"since\" must be a whole number, a seq the server sent");
    }
    return seq;
  }

  /** The value as a long when it is a whole number a long can hold exactly; else null. */
  private static Long wholeNumber(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < Long.SIZE ? big.longValue() : null;
    }
    if (value instanceof Number n) {
      // 5.0 or 1e3; beyond 2^63 a double no longer says which long it means.
      double d = n.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (long) d : null;
    }
    return null;
  }
}
