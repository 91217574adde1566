package io.pulseboard.notify;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a receiver gets: the notification's body as the alert engine wrote it, with {@code "id"}
 * (the notification's id, the same on every attempt, so a receiver drops duplicates); or, for a
 * channel of format {@code slack}, Slack's incoming-webhook form ({@code text} and {@code blocks})
 * carrying the same {@code id}.
 */
public final class Bodies {
  private Bodies() {}

  /** The bytes to send, once; they are signed and sent as they are. */
  public static Buffer render(long id, JsonObject body, String format) {
    JsonObject out = "slack".equals(format) ? slack(body) : body.copy();
    out.put("id", String.valueOf(id));
    return out.toBuffer();
  }

  static JsonObject slack(JsonObject body) {
    String state = body.getString("state", "");
    String summary = body.getString("summary", "");
    String headline = ("firing".equals(state) ? ":rotating_light: Firing" : ":white_check_mark: Resolved")
        + ": " + rule(body);
    String text = headline + (summary.isEmpty() ? "" : " — " + summary);
    JsonArray blocks = new JsonArray()
        .add(section("*" + escape(headline) + "*" + (summary.isEmpty() ? "" : "\n" + escape(summary))));
    JsonArray context = new JsonArray();
    String link = body.getString("link");
    if (link != null && (link.startsWith("http://") || link.startsWith("https://"))) {
      context.add(mrkdwn("<" + escape(link) + "|Open in Pulseboard>"));
    }
    if (body.getString("at") != null) {
      context.add(mrkdwn(escape(body.getString("at"))));
    }
    if (!context.isEmpty()) {
      blocks.add(new JsonObject().put("type", "context").put("elements", context));
    }
    return new JsonObject().put("text", text).put("blocks", blocks);
  }

  private static String rule(JsonObject body) {
    JsonObject rule = body.getJsonObject("rule");
    String name = rule == null ? null : rule.getString("name");
    return name != null ? name : body.getString("metric", "alert");
  }

  private static JsonObject section(String text) {
    return new JsonObject().put("type", "section").put("text", mrkdwn(text));
  }

  private static JsonObject mrkdwn(String text) {
    return new JsonObject().put("type", "mrkdwn").put("text", text);
  }

  /** Slack's three control characters in message text; user text must not become a link or a mention. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
