package io.pulseboard.http;

import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one error handler: turns every failure into problem+json and logs the unexpected ones once. */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
  static final String PROBLEM_JSON = "application/problem+json";
  private static final int RETRY_AFTER_SECONDS = 5;
  private static final String INGEST_PATH = "/api/v1/points";
  private static final Duration UNAVAILABLE_LOG_INTERVAL = Duration.ofSeconds(10);
  private static final String SERIES_LABELS_DECLARED = "series_labels_declared";

  private final ServerMeters meters;
  private final UnavailableLog unavailableLog = new UnavailableLog(UNAVAILABLE_LOG_INTERVAL, System::nanoTime);

  public FailureHandler(ServerMeters meters) {
    this.meters = meters;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Problem problem = toProblem(ctx);
    if (ctx.normalizedPath().equals(INGEST_PATH)) {
      meters.ingestRejected(problem.type());
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (problem.retryAfterSeconds() != null) {
      ctx.response().putHeader("Retry-After", problem.retryAfterSeconds().toString());
    }
    if (problem.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"pulseboard\"");
    }
    ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", PROBLEM_JSON)
        .end(problem.toJson().encode());
  }

  private Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof HttpException http && http.getCause() != null) {
      failure = http.getCause();
    }
    if (failure instanceof Problem p) {
      return p;
    }
    if (failure instanceof ValidatorException v) {
      return ValidationProblems.of(v);
    }
    if (failure instanceof DecodeException) {
      return Problem.malformed("the body is not valid JSON");
    }
    if (DatabaseUnavailable.is(failure)) {
      unavailableLog.refused(failure);
      return Problem.unavailable(
          "the database is unavailable; try again shortly (a write may be sent again: writes are idempotent)",
          RETRY_AFTER_SECONDS);
    }
    if (failure instanceof PgException pg && isConcurrentChange(pg)) {
      return Problem.conflict("a concurrent change got there first (" + pg.getErrorMessage() + "); retry");
    }
    int status = ctx.statusCode();
    return switch (status) {
      case 400 -> Problem.malformed("the request could not be read");
      case 401 -> new Problem(401, "unauthorized", "Unauthorized", "a bearer token is required");
      case 404 -> Problem.notFound("no resource at " + ctx.request().path());
      case 405 -> new Problem(405, "method-not-allowed", "Method not allowed",
          ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 413 -> new Problem(413, "too-large", "Content too large", "the body is larger than the limit");
      case 415 -> Problem.unsupportedMediaType("send application/json");
      default -> {
        LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
        yield new Problem(500, "internal", "Internal error", "an unexpected error occurred");
      }
    };
  }

  /**
   * A foreign key or unique key that a concurrent write changed, or a series whose label key a
   * concurrent PUT dropped (the trigger of migration V007): retrying gives the current answer.
   */
  private static boolean isConcurrentChange(PgException pg) {
    String state = pg.getSqlState();
    return "23503".equals(state) || "23505".equals(state)
        || ("23514".equals(state) && SERIES_LABELS_DECLARED.equals(pg.getConstraint()));
  }
}
