package io.pulseboard.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 9457 problem: the one shape of every error Pulseboard returns over HTTP. Handlers fail
 * the routing context with it; {@link FailureHandler} writes it.
 */
public final class Problem extends RuntimeException {
  private static final String TYPE_BASE = "urn:pulseboard:problem:";

  private final int status;
  private final String type;
  private final String title;
  private final List<JsonObject> errors = new ArrayList<>();
  private Integer retryAfterSeconds;
  private String missingScope;

  public Problem(int status, String type, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  public static Problem malformed(String detail) {
    return new Problem(400, "malformed", "Malformed request", detail);
  }

  public static Problem invalid(String detail) {
    return new Problem(422, "invalid", "Invalid request", detail);
  }

  public static Problem unsupportedMediaType(String detail) {
    return new Problem(415, "unsupported-media-type", "Unsupported media type", detail);
  }

  /** 403: the token lacks this scope (named in the {@code missing_scope} member). */
  public static Problem forbidden(String missingScope, String detail) {
    Problem p = new Problem(403, "forbidden", "Forbidden", detail);
    p.missingScope = missingScope;
    return p;
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "not-found", "Not found", detail);
  }

  public static Problem conflict(String detail) {
    return new Problem(409, "conflict", "Conflict", detail);
  }

  /** 412: the resource is not at the version the request's {@code If-Match} names; nothing was written. */
  public static Problem preconditionFailed(String detail) {
    return new Problem(412, "precondition-failed", "Precondition failed", detail);
  }

  public static Problem unavailable(String detail, int retryAfterSeconds) {
    Problem p = new Problem(503, "unavailable", "Service unavailable", detail);
    p.retryAfterSeconds = retryAfterSeconds;
    return p;
  }

  /** 429: too many requests of some kind; the caller may try again after this many seconds. */
  public static Problem tooManyRequests(String detail, long retryAfterSeconds) {
    Problem p = new Problem(429, "too-many-requests", "Too many requests", detail);
    p.retryAfterSeconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, retryAfterSeconds));
    return p;
  }

  /** Adds a field error: a JSON pointer into the request body (or a parameter name) and what is wrong. */
  public Problem error(String pointer, String detail) {
    errors.add(new JsonObject().put("pointer", pointer).put("detail", detail));
    return this;
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  public int errorCount() {
    return errors.size();
  }

  /** The short problem type, e.g. {@code invalid}. */
  public String type() {
    return type;
  }

  public int status() {
    return status;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", TYPE_BASE + type)
        .put("title", title)
        .put("status", status)
        .put("detail", getMessage());
    if (missingScope != null) {
      json.put("missing_scope", missingScope);
    }
    if (!errors.isEmpty()) {
      json.put("errors", new JsonArray(List.copyOf(errors)));
    }
    return json;
  }
}
