package io.pulseboard.ws;

import io.pulseboard.auth.BoardGrants;
import io.pulseboard.auth.Principal;
import io.pulseboard.db.Event;
import io.pulseboard.feed.EventBatch;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * What a socket whose token reads only through {@code board:<id>} scopes may subscribe to: the
 * metrics its boards' tiles show now ({@link BoardGrants}). Its {@code "*"} means those; any
 * other metric is refused; and when one of its boards changes, subscriptions to metrics the
 * boards no longer show are dropped.
 */
final class BoardLimit {
  private final Principal principal;
  private final BoardGrants grants;

  private BoardLimit(Principal principal, BoardGrants grants) {
    this.principal = principal;
    this.grants = grants;
  }

  /** The limit of a socket acting as {@code principal}, or null when it may subscribe to everything. */
  static BoardLimit of(Principal principal, BoardGrants grants) {
    return principal == null || principal.mayRead() ? null : new BoardLimit(principal, grants);
  }

  /** Whether it reaches no metric whatever its boards show: a token without board scopes. */
  boolean refusesAll() {
    return grants == null || principal.boards().isEmpty();
  }

  /** The metrics its boards show now; the future holds them. */
  Future<Set<String>> reach() {
    return grants.metricsOf(principal.boards());
  }

  /** Whether this batch saved or deleted one of its boards. */
  boolean concerns(EventBatch batch) {
    return batch.items().stream()
        .anyMatch(e -> Event.BOARDS.equals(e.topic()) && principal.boards().contains(e.subject()));
  }

  /**
   * The subscribe as this socket may make it: within what its boards show now ({@code "*"} made
   * those metrics). The future fails with the {@link ProtocolError} that refuses it when it names
   * another metric or the token reaches none, and with the database's error when the boards could
   * not be read.
   */
  Future<ClientMessage.Subscribe> admit(ClientMessage.Subscribe subscribe) {
    if (refusesAll()) {
      return Future.failedFuture(ProtocolError.lacksRead("this token lacks the scope read; nothing was subscribed"));
    }
    return reach().compose(reach -> {
      List<String> asked = subscribe.metrics() == null ? reach.stream().sorted().toList() : subscribe.metrics();
      if (asked.isEmpty() || !reach.containsAll(asked)) {
        return Future.failedFuture(ProtocolError.lacksRead("this token's board scopes reach only the metrics its "
            + "boards show, " + reach.stream().sorted().toList() + ", and it lacks the scope read; nothing was subscribed"));
      }
      return Future.succeededFuture(new ClientMessage.Subscribe(asked, subscribe.labels(), subscribe.since()));
    });
  }

  /** These subscriptions without the metrics outside this reach. */
  static Subscriptions narrowed(Subscriptions subs, Set<String> reach) {
    List<String> lost = subs.metricIds().stream().filter(m -> !reach.contains(m)).toList();
    return lost.isEmpty() ? subs : subs.without(lost);
  }
}
