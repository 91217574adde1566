package io.pulseboard.alert;

import io.pulseboard.db.AlertClaim;
import io.pulseboard.db.AlertRule;
import io.pulseboard.db.Goal;
import io.pulseboard.db.SeriesSnapshot;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a verdict that differs from the stored state into the claim of the next transition, with
 * the notification body every channel of the rule receives.
 */
final class Claims {
  private final String linkBase;

  /** @param linkBase what the link in a notification starts with: the public URL, or empty for a relative link */
  Claims(String linkBase) {
    this.linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
  }

  /**
   * The claim of the next transition when the verdict differs from the stored state: firing from
   * {@code ok} or {@code resolved}, resolved from {@code firing}; else nothing.
   */
  Optional<AlertClaim> of(AlertRule rule, SeriesSnapshot s, Verdict v, Instant at) {
    SeriesSnapshot.AlertState stored = s.state(rule.id());
    if (v.firing() == stored.firing()) {
      return Optional.empty();
    }
    String state = v.firing() ? "firing" : "resolved";
    JsonObject alert = new JsonObject().put("rule", rule.id()).put("rule_name", rule.name())
        .put("kind", rule.kind().json()).put("metric", s.metric()).put("labels", s.labels());
    return Optional.of(new AlertClaim(rule.id(), s.seriesId(), s.key(), stored.transition(), state, s.value(),
        v.summary(), at, rule.channels(), alert, notification(rule, s, v, state, at)));
  }

  private JsonObject notification(AlertRule rule, SeriesSnapshot s, Verdict v, String state, Instant at) {
    Goal goal = v.goal();
    JsonObject goalJson = goal == null ? null : GoalStatus.json(goal, s.value(), LocalDate.ofInstant(at, ZoneOffset.UTC),
        AlertBook.first(s.firstTs(), s.firstValue()));
    return new JsonObject()
        .put("state", state)
        .put("rule", new JsonObject().put("id", rule.id()).put("name", rule.name()).put("kind", rule.kind().json()))
        .put("metric", s.metric())
        .put("labels", s.labels())
        .put("series", s.key())
        .put("value", s.value())
        .put("at", at.toString())
        .put("goal", goalJson)
        .put("pacing", v.pacing() == null ? null : v.pacing().toJson())
        .put("summary", v.summary())
        .put("link", link(s));
  }

  /** The metric's page, with the series' labels as the query. */
  String link(SeriesSnapshot s) {
    String query = new TreeMap<>(s.labelMap()).entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    return linkBase + "/#/metrics/" + s.metric() + (query.isEmpty() ? "" : "?" + query);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
