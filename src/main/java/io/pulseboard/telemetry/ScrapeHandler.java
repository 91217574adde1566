package io.pulseboard.telemetry;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Serves {@code GET /metrics} in the Prometheus text format 0.0.4, or in the OpenMetrics text
 * format 1.0.0 when the request's {@code Accept} asks for {@code application/openmetrics-text}
 * (as Prometheus does). The exposition is written on a worker thread: at ten thousand KPI series
 * it takes tens of milliseconds, which on an event loop would hold up every request and WebSocket
 * of that loop.
 */
public final class ScrapeHandler implements Handler<RoutingContext> {
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  /** The OpenMetrics text format; the registry picks its writer by this type. */
  static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final int INITIAL_BUFFER = 64 * 1024;

  private final PrometheusMeterRegistry registry;
  private volatile int lastSize = INITIAL_BUFFER;

  public ScrapeHandler(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String contentType = contentType(ctx.request().getHeader("Accept"));
    ctx.vertx().executeBlocking(() -> scrape(contentType), false)
        .onSuccess(body -> ctx.response().putHeader("Content-Type", contentType).putHeader("Vary", "Accept").end(body))
        .onFailure(ctx::fail);
  }

  /**
   * The format an {@code Accept} header asks for: OpenMetrics when it names
   * {@code application/openmetrics-text} with a quality above zero and no lower than that of
   * {@code text/plain}, else the text format 0.0.4.
   */
  static String contentType(String accept) {
    if (accept == null) {
      return CONTENT_TYPE;
    }
    double openMetrics = 0;
    double text = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = quality(parts);
      if (type.equals("application/openmetrics-text")) {
        openMetrics = Math.max(openMetrics, q);
      } else if (type.equals("text/plain")) {
        text = Math.max(text, q);
      }
    }
    return openMetrics > 0 && openMetrics >= text ? OPEN_METRICS : CONTENT_TYPE;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  private Buffer scrape(String contentType) throws java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(lastSize + lastSize / 8);
    registry.scrape(out, contentType);
    lastSize = out.size();
    return Buffer.buffer(out.toByteArray());
  }
}
