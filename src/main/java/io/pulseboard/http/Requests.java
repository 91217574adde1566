package io.pulseboard.http;

import io.pulseboard.db.BucketStep;
import io.pulseboard.db.Metric;
import io.pulseboard.input.InputText;
import io.pulseboard.input.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading validated requests and the values OpenAPI cannot check by itself. */
final class Requests {
  private static final Pattern WEEKS = Pattern.compile("P(\\d{1,4})W");
  private static final Map<String, String> CALENDAR_STEPS = Map.of("P1M", "month", "P3M", "quarter", "P1Y", "year");

  private Requests() {}

  static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  static JsonObject body(RoutingContext ctx) {
    return validated(ctx).getBody().getJsonObject();
  }

  static String pathParam(RoutingContext ctx, String name) {
    return validated(ctx).getPathParameters().get(name).getString();
  }

  static String query(RoutingContext ctx, String name) {
    RequestParameter p = validated(ctx).getQuery().get(name);
    return p == null || p.isNull() ? null : String.valueOf(p.get());
  }

  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(body instanceof JsonObject o ? o.toBuffer() : io.vertx.core.json.Json.encodeToBuffer(body));
  }

  /**
   * A time as {@link Timestamps} reads it, or {@code null} for {@code null}; else a 422 naming
   * the pointer (a JSON pointer into the body, or a query parameter's name).
   */
  static OffsetDateTime timestamp(String text, String pointer) {
    if (text == null) {
      return null;
    }
    Timestamps.Result result = Timestamps.parse(text);
    if (result instanceof Timestamps.Invalid invalid) {
      throw Problem.invalid("a time is not an RFC 3339 time Pulseboard can store")
          .error(pointer, invalid.detail());
    }
    return ((Timestamps.Valid) result).time();
  }

  /** Whether the text ({@code null} passes) can be stored exactly; if not, adds why to the problem. */
  static boolean checkText(Problem problem, String pointer, String text) {
    String why = text == null ? null : InputText.problem(text);
    if (why != null) {
      problem.error(pointer, "text " + why);
    }
    return why == null;
  }

  /** One reference token of a JSON pointer (RFC 6901): {@code ~} and {@code /} escaped. */
  static String pointerToken(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** Whether text is an ISO-8601 duration PostgreSQL and Java both read, e.g. P7D, P1M, PT1H. */
  static boolean isIsoDuration(String text) {
    try {
      Period.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      try {
        return !Duration.parse(text).isNegative();
      } catch (DateTimeParseException e2) {
        return false;
      }
    }
  }

  /**
   * A history bucket: {@code P1M}, {@code P3M} or {@code P1Y} (a month, a quarter, a year in the
   * query's time zone), or a fixed length of whole seconds, days or weeks; else a 422 naming
   * {@code step}.
   */
  static BucketStep step(String text) {
    if (text == null) {
      return null;
    }
    String unit = CALENDAR_STEPS.get(text);
    if (unit != null) {
      return BucketStep.calendar(unit);
    }
    Matcher weeks = WEEKS.matcher(text);
    Duration step;
    try {
      step = weeks.matches() ? Duration.ofDays(7L * Integer.parseInt(weeks.group(1))) : Duration.parse(text);
    } catch (DateTimeParseException e) {
      step = null;
    }
    if (step == null || step.getSeconds() < 1 || step.getNano() != 0) {
      throw Problem.invalid("step is not a usable bucket length")
          .error("step", "'" + text + "' must be P1M, P3M or P1Y (a calendar month, quarter or year), or an "
              + "ISO-8601 duration of weeks, days, hours, minutes or seconds, at least one second, e.g. P7D or PT1H");
    }
    return BucketStep.of(step);
  }

  /** An IANA time zone name such as {@code Asia/Seoul}, {@code UTC} when absent; else a 422 naming the parameter. */
  static String zone(String text, String parameter) {
    if (text == null) {
      return "UTC";
    }
    if (!ZoneId.getAvailableZoneIds().contains(text)) {
      throw Problem.invalid("unknown time zone")
          .error(parameter, "'" + text + "' is not an IANA time zone name such as UTC, Europe/Berlin or Asia/Seoul");
    }
    return text;
  }

  /**
   * The label filters of a query: every parameter but {@code parameters}, each a label key of the
   * metric (sorted by key); a parameter that is neither fails the request with a 422 titled so.
   */
  static Map<String, String> labelFilters(RoutingContext ctx, Metric metric, Set<String> parameters, String title) {
    Map<String, String> labels = new TreeMap<>();
    Problem problem = Problem.invalid(title);
    ctx.queryParams().forEach((key, value) -> {
      if (parameters.contains(key)) {
        return;
      }
      if (metric.labels().contains(key)) {
        labels.put(key, value);
      } else {
        problem.error(key, "'" + key + "' is neither a parameter nor a label of " + metric.id());
      }
    });
    if (problem.hasErrors()) {
      throw problem;
    }
    return labels;
  }
}
