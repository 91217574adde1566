package io.pulseboard.http;

import io.pulseboard.auth.BoardGrants;
import io.pulseboard.auth.Principal;
import io.pulseboard.db.Board;
import io.pulseboard.db.BoardPrecondition;
import io.pulseboard.db.BoardRepository;
import io.pulseboard.db.BoardRepository.Saved;
import io.pulseboard.db.MetricRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import java.util.Set;

/**
 * {@code /api/v1/boards} and {@code /api/v1/boards/{id}} (docs/boards.md): boards read by anyone
 * who may read them (a {@code board:<id>} token only its own), written whole by the admin, with
 * the version as ETag so that a stale {@code If-Match} is 412 and never overwrites. The board
 * {@code all} is generated from every metric and cannot be written.
 */
final class BoardsRoutes {
  /** Largest board body: 200 tiles of 1000 characters in several languages fit. */
  static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
  /** The operation that takes a board, whose body the router limits to {@link #MAX_BODY_BYTES}. */
  static final String PUT = "putBoard";

  private final Pool pool;
  private final BoardRepository boards;
  private final MetricRepository metrics;
  private final BoardGrants grants;

  BoardsRoutes(Pool pool, BoardGrants grants) {
    this.pool = pool;
    this.boards = new BoardRepository(pool);
    this.metrics = new MetricRepository(pool);
    this.grants = grants;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listBoards").addHandler(this::list);
    builder.getRoute("getBoard").addHandler(this::get);
    builder.getRoute(PUT).addHandler(this::put);
    builder.getRoute("deleteBoard").addHandler(this::delete);
  }

  private void list(RoutingContext ctx) {
    Set<String> visible = BoardReach.boards(ctx);
    Future.all(boards.list(), metrics.all()).map(all -> {
      JsonArray items = new JsonArray();
      if (visible == null || visible.contains(Board.GENERATED_ID)) {
        items.add(Board.generated(all.resultAt(1)).summaryJson());
      }
      for (Board board : all.<java.util.List<Board>>resultAt(0)) {
        if (visible == null || visible.contains(board.id())) {
          items.add(board.summaryJson());
        }
      }
      return new JsonObject().put("boards", items);
    }).onSuccess(body -> Requests.json(ctx, 200, body)).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    String id = Requests.pathParam(ctx, "id");
    if (Board.GENERATED_ID.equals(id)) {
      // No ETag: the generated board changes with the metrics, while its version stays 0.
      metrics.all().onSuccess(all -> Requests.json(ctx, 200, Board.generated(all).toJson())).onFailure(ctx::fail);
      return;
    }
    boards.find(id).map(found -> found.orElseThrow(() -> Problem.notFound("no board '" + id + "'"))).onSuccess(board -> {
      ctx.response().putHeader("ETag", EntityTags.of(board.version()));
      if (EntityTags.notModified(ctx.request().getHeader("If-None-Match"), board.version())) {
        ctx.response().setStatusCode(304).end();
      } else {
        Requests.json(ctx, 200, board.toJson());
      }
    }).onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    String id = Requests.pathParam(ctx, "id");
    refuseGenerated(id);
    BoardPrecondition precondition = precondition(ctx);
    JsonObject body = Requests.body(ctx);
    MetricRepository.byIds(pool, BoardBody.metricIds(body))
        .map(known -> {
          Problem problem = Problem.invalid("the board is invalid; nothing was written");
          Board board = BoardBody.parse(id, body, known, problem);
          if (problem.hasErrors()) {
            throw problem;
          }
          return board;
        })
        .compose(board -> boards.save(board, precondition, tokenId(ctx)))
        .onSuccess(saved -> answerSave(ctx, id, saved))
        .onFailure(ctx::fail);
  }

  private void answerSave(RoutingContext ctx, String id, Saved saved) {
    switch (saved.outcome()) {
      case PRECONDITION_FAILED -> ctx.fail(stale(id, saved.current()));
      case TOO_MANY -> ctx.fail(Problem.conflict("this server keeps at most " + Board.MAX_BOARDS
          + " boards; delete one before making another. Nothing was written"));
      default -> {
        grants.forget(id);
        ctx.response().putHeader("ETag", EntityTags.of(saved.board().version()));
        if (saved.outcome() == BoardRepository.Outcome.CREATED) {
          ctx.response().putHeader("Location", "/api/v1/boards/" + id);
        }
        Requests.json(ctx, saved.outcome() == BoardRepository.Outcome.CREATED ? 201 : 200, saved.board().toJson());
      }
    }
  }

  private void delete(RoutingContext ctx) {
    String id = Requests.pathParam(ctx, "id");
    refuseGenerated(id);
    boards.delete(id, precondition(ctx), tokenId(ctx)).onSuccess(saved -> {
      switch (saved.outcome()) {
        case PRECONDITION_FAILED -> ctx.fail(stale(id, saved.current()));
        case UNCHANGED -> ctx.fail(Problem.notFound("no board '" + id + "'"));
        default -> {
          grants.forget(id);
          ctx.response().setStatusCode(204).end();
        }
      }
    }).onFailure(ctx::fail);
  }

  private static BoardPrecondition precondition(RoutingContext ctx) {
    return EntityTags.precondition(ctx.request().getHeader("If-Match"), ctx.request().getHeader("If-None-Match"));
  }

  private static Problem stale(String id, Long current) {
    return Problem.preconditionFailed(current == null
        ? "there is no board '" + id + "' (If-Match needs one; If-None-Match: * asks for none); nothing was written"
        : "the board '" + id + "' is at version " + current + ", not the one If-Match names: it changed elsewhere."
            + " Reload it, or send it without If-Match to overwrite. Nothing was written");
  }

  private static void refuseGenerated(String id) {
    if (Board.GENERATED_ID.equals(id)) {
      throw Problem.conflict("the board '" + Board.GENERATED_ID + "' is generated from every metric and cannot be "
          + "written; save it under another id to change it");
    }
  }

  private static Long tokenId(RoutingContext ctx) {
    Principal principal = AccessHandler.principal(ctx);
    return principal == null ? null : principal.id();
  }
}
