package io.pulseboard.http;

import io.pulseboard.auth.BoardGrants;
import io.pulseboard.auth.Principal;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code board:<id>} scope reaches among the read routes: its board, the metrics the
 * board's tiles show (with their history and revisions), and the lists of boards, metrics and
 * annotations, which then hold only what it reaches. Decided on the route the router resolved,
 * from the path parameter as the router decoded it, never from the path as spelled; the lists are
 * narrowed by their handlers ({@link #boards}, {@link #metrics}).
 */
final class BoardReach {
  private static final String BOARDS = "pulseboard.board-reach.boards";
  private static final String METRICS = "pulseboard.board-reach.metrics";

  /** What the operation's path parameter {@code id} names, or that it lists. */
  private enum Target { BOARD, METRIC, LIST }

  private static final Map<String, Target> OPERATIONS = Map.of(
      "getBoard", Target.BOARD,
      "getMetric", Target.METRIC, "getPoints", Target.METRIC, "getPointRevisions", Target.METRIC,
      "listBoards", Target.LIST, "listMetrics", Target.LIST, "listAnnotations", Target.LIST);

  private final Target target;
  private final BoardGrants grants;

  private BoardReach(Target target, BoardGrants grants) {
    this.target = target;
    this.grants = grants;
  }

  /** The reach of board scopes on this operation, or null when they reach none of it. */
  static BoardReach of(String operationId, BoardGrants grants) {
    Target target = OPERATIONS.get(operationId);
    return target == null ? null : new BoardReach(target, grants);
  }

  /**
   * Whether this principal's board scopes let it through; the future holds the answer and, when
   * it is yes, the context then carries what the handler narrows its answer to.
   */
  Future<Boolean> allows(RoutingContext ctx, Principal principal) {
    Set<String> boards = Set.copyOf(principal.boards());
    if (boards.isEmpty()) {
      return Future.succeededFuture(false);
    }
    if (target == Target.BOARD) {
      return Future.succeededFuture(narrow(ctx, boards, null) && boards.contains(ctx.pathParam("id")));
    }
    return grants.metricsOf(boards).map(metrics -> narrow(ctx, boards, metrics)
        && (target == Target.LIST || metrics.contains(ctx.pathParam("id"))));
  }

  private static boolean narrow(RoutingContext ctx, Set<String> boards, Set<String> metrics) {
    ctx.put(BOARDS, boards);
    ctx.put(METRICS, metrics);
    return true;
  }

  /** The boards a request may see, or null for all of them (it was let in by a read scope, or reads are open). */
  static Set<String> boards(RoutingContext ctx) {
    return ctx.get(BOARDS);
  }

  /** The metrics a request may see, or null for all of them. */
  static Set<String> metrics(RoutingContext ctx) {
    return ctx.get(METRICS);
  }
}
