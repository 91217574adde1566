package io.pulseboard.http;

import io.pulseboard.auth.Principal;
import io.pulseboard.db.BucketStep;
import io.pulseboard.db.GroupCommit;
import io.pulseboard.db.HistoryQuery;
import io.pulseboard.db.HistoryRepository;
import io.pulseboard.db.Metric;
import io.pulseboard.db.MetricCatalogue;
import io.pulseboard.db.MetricRepository;
import io.pulseboard.db.PointInput;
import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /api/v1/points} and {@code GET /api/v1/metrics/{id}/points}. */
final class PointsRoutes {
  /** The history answer's header that names the metric's unit. */
  static final String UNIT_HEADER = "Pulseboard-Unit";
  private static final Set<String> HISTORY_PARAMS = Set.of("from", "to", "step", "agg", "limit", "tz", "as_of");
  private static final int DEFAULT_HISTORY_LIMIT = 10_000;

  private final Pool pool;
  private final GroupCommit points;
  private final HistoryRepository history;
  private final MetricRepository metrics;
  private final MetricCatalogue catalogue;
  private final ServerMeters meters;
  private final CsvImport csv;

  PointsRoutes(Vertx vertx, Pool pool, GroupCommit points, MetricCatalogue catalogue, ServerMeters meters) {
    this.pool = pool;
    this.meters = meters;
    this.csv = new CsvImport(vertx, pool);
    this.points = points;
    this.catalogue = catalogue;
    this.history = new HistoryRepository(pool);
    this.metrics = new MetricRepository(pool);
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("postPoints").addHandler(this::write);
    builder.getRoute("getPoints").addHandler(this::history);
  }

  private void write(RoutingContext ctx) {
    JsonArray batch = Requests.body(ctx).getJsonArray("points");
    List<String> ids = PointBatch.metricIds(batch);
    WriteScopes.check(ctx, ids);
    Long writer = AccessHandler.principal(ctx).id();
    catalogue.byIds(ids)
        .map(known -> PointBatch.validate(batch, known))
        .recover(e -> e instanceof Problem ? validateFresh(batch, ids) : Future.failedFuture(e))
        .compose(inputs -> points.write(inputs, writer).recover(e -> confirmRefusal(batch, ids, e)))
        .onSuccess(result -> meters.ingested(result.accepted()))
        .onSuccess(result -> Requests.json(ctx, 200, new JsonObject()
            .put("accepted", result.accepted())
            .put("written", result.written())
            .put("unchanged", result.unchanged())
            .put("seq", result.seq())))
        .onFailure(ctx::fail);
  }

  /**
   * The batch checked against the metrics as the database has them now: the catalogue's may be
   * older (changed on another instance a moment ago), and nothing is refused on an old definition.
   */
  private Future<List<PointInput>> validateFresh(JsonArray batch, List<String> ids) {
    return catalogue.fresh(ids).map(known -> PointBatch.validate(batch, known));
  }

  /**
   * A write the database refused because a metric was deleted or lost a label key (it checks
   * both under the writers' lock) is checked again against the definitions in force, so that
   * the client gets the same problem+json as when the change had been known before the write.
   */
  private <T> Future<T> confirmRefusal(JsonArray batch, List<String> ids, Throwable e) {
    if (!(e instanceof PgException pg) || !("23503".equals(pg.getSqlState()) || "23514".equals(pg.getSqlState()))) {
      return Future.failedFuture(e);
    }
    return validateFresh(batch, ids).compose(stillValid -> Future.failedFuture(e));
  }

  /**
   * A CSV body ({@code Content-Type: text/csv}), streamed: access is checked, but neither the
   * body handler nor the contract's validator runs (see {@code ApiRouter}). Each metric the rows
   * name is checked against the token's {@code write} scopes before anything commits.
   */
  void importCsv(RoutingContext ctx) {
    Principal principal = AccessHandler.principal(ctx);
    csv.run(ctx, principal::mayWrite, principal.id())
        .onSuccess(result -> meters.ingested(result.getInteger("accepted")))
        .onSuccess(result -> Requests.json(ctx, 200, result))
        .onFailure(ctx::fail);
  }

  private void history(RoutingContext ctx) {
    QueryText.check(ctx);
    String id = Requests.pathParam(ctx, "id");
    metrics.find(id)
        .map(found -> found.orElseThrow(() -> Problem.notFound("no metric '" + id + "'")))
        .map(metric -> withUnitHeader(ctx, metric, query(ctx, metric)))
        .compose(q -> q.step() == null && !prefersCsv(ctx) ? rawJson(ctx, id, q) : respond(ctx, id, q))
        .onFailure(ctx::fail);
  }

  private Future<Void> respond(RoutingContext ctx, String id, HistoryQuery q) {
    return history.history(q).map(series -> head(ctx, id, q).put("series", series))
        .onSuccess(result -> respond(ctx, result)).mapEmpty();
  }

  /**
   * Raw points in JSON, the series written straight from the rows ({@link HistoryRepository#rawJson}):
   * the same document as {@link #respond}, its last member spliced in as encoded bytes.
   */
  private Future<Void> rawJson(RoutingContext ctx, String id, HistoryQuery q) {
    return history.rawJson(q).map(series -> {
      Buffer head = head(ctx, id, q).toBuffer();
      return head.getBuffer(0, head.length() - 1).appendString(",\"series\":").appendBuffer(series).appendString("}");
    }).onSuccess(body -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(body))
        .mapEmpty();
  }

  private static JsonObject head(RoutingContext ctx, String id, HistoryQuery q) {
    return new JsonObject()
        .put("metric", id)
        .put("step", ctx.queryParams().get("step"))
        .put("agg", q.step() == null ? null : q.agg())
        .put("tz", q.zone())
        .put("as_of", q.asOf() == null ? null : q.asOf().toInstant().toString());
  }

  /**
   * Says the metric's unit in a header, since the CSV's columns ({@code metric,ts,value,…}) must
   * stay the ones an import takes; percent-encoded, as a header holds only ASCII.
   */
  private static HistoryQuery withUnitHeader(RoutingContext ctx, Metric metric, HistoryQuery query) {
    ctx.response().putHeader(UNIT_HEADER, URLEncoder.encode(metric.unit(), StandardCharsets.UTF_8).replace("+", "%20"));
    return query;
  }

  private static HistoryQuery query(RoutingContext ctx, Metric metric) {
    Map<String, String> labels = Requests.labelFilters(ctx, metric, HISTORY_PARAMS, "unknown label filter");
    BucketStep step = Requests.step(Requests.query(ctx, "step"));
    String agg = Requests.query(ctx, "agg");
    return new HistoryQuery(metric.id(),
        Requests.timestamp(Requests.query(ctx, "from"), "from"),
        Requests.timestamp(Requests.query(ctx, "to"), "to"),
        labels, step, agg == null ? "last" : agg,
        QueryNumbers.wholeInt(ctx, "limit", DEFAULT_HISTORY_LIMIT),
        Requests.zone(Requests.query(ctx, "tz"), "tz"),
        Requests.timestamp(Requests.query(ctx, "as_of"), "as_of"));
  }

  private static void respond(RoutingContext ctx, JsonObject result) {
    if (prefersCsv(ctx)) {
      ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"" + result.getString("metric") + ".csv\"")
          .end(Csv.of(result));
    } else {
      Requests.json(ctx, 200, result);
    }
  }

  /**
   * CSV when the client ranks it above JSON ({@code Accept: text/csv}); clients generated from the
   * contract accept both, JSON first, and must get JSON.
   */
  private static boolean prefersCsv(RoutingContext ctx) {
    for (MIMEHeader type : ctx.parsedHeaders().accept()) {
      String name = type.component() + "/" + type.subComponent();
      if (name.equals("text/csv")) {
        return true;
      }
      if (name.equals("application/json") || name.equals("application/*") || name.equals("*/*")) {
        return false;
      }
    }
    return false;
  }
}
