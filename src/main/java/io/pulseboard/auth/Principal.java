package io.pulseboard.auth;

import io.pulseboard.db.StoredToken;
import java.time.Instant;
import java.util.List;

/**
 * Who a request or a socket acts as: the token it presented, with that token's scopes and expiry.
 * The scope checks every route, socket op and import asks are here, written once.
 *
 * @param expiresAt when the token stops working, or {@code null} for never
 */
public record Principal(long id, String name, List<Scope> scopes, Instant expiresAt) {
  public Principal {
    scopes = List.copyOf(scopes);
  }

  /** The principal of a stored token (its scopes were checked when it was made). */
  public static Principal of(StoredToken token) {
    return new Principal(token.id(), token.name(), token.scopes().stream().map(Scope::parse).toList(),
        token.expiresAt());
  }

  /** Whether the token still works at this instant. */
  public boolean activeAt(Instant now) {
    return expiresAt == null || expiresAt.isAfter(now);
  }

  /** Whether it may do everything, tokens included. */
  public boolean isAdmin() {
    return has(Scope.Kind.ADMIN);
  }

  /** Whether it may read everything: {@code read} or {@code admin}. */
  public boolean mayRead() {
    return has(Scope.Kind.READ) || isAdmin();
  }

  /** Whether it may read this board: {@code read}, {@code admin} or {@code board:<id>}. */
  public boolean mayReadBoard(String boardId) {
    return mayRead() || boards().contains(boardId);
  }

  /** The boards its {@code board:<id>} scopes name, in order. */
  public List<String> boards() {
    return scopes.stream().filter(s -> s.kind() == Scope.Kind.BOARD).map(Scope::argument).toList();
  }

  /** Whether it may write points of some metric: any {@code write} scope, or {@code admin}. */
  public boolean mayWriteAny() {
    return has(Scope.Kind.WRITE) || isAdmin();
  }

  /**
   * Whether it may write points of this metric. Every writer of points (the JSON batch, the CSV
   * import) asks this per item and refuses the whole batch when any item is refused.
   */
  public boolean mayWrite(String metricId) {
    for (Scope scope : scopes) {
      if (scope.allowsWrite(metricId)) {
        return true;
      }
    }
    return false;
  }

  /** How a log line or a {@code created_by} names it: never the secret. */
  public String label() {
    return name + " (#" + id + ")";
  }

  private boolean has(Scope.Kind kind) {
    for (Scope scope : scopes) {
      if (scope.kind() == kind) {
        return true;
      }
    }
    return false;
  }
}
