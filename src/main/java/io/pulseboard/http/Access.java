package io.pulseboard.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.openapi.contract.Operation;
import java.util.Set;

/**
 * What a route of the contract asks of its caller, decided once per operation when the router
 * is built and checked by the route itself ({@link AccessHandler}), so the decision follows the
 * route the router resolved and not the spelling of the path that reached it.
 */
enum Access {
  /** Anyone: the health probes (for orchestrators) and the contract (for client generators). */
  PUBLIC,
  /** Scope {@code read} or {@code admin} while reads are guarded; anyone while they are not. */
  READ,
  /**
   * Writing points: a {@code write} scope or {@code admin}. Which metrics a {@code write:} scope
   * covers is checked per item once the body is read ({@link WriteScopes}).
   */
  WRITE,
  /** Scope {@code admin}: every other write, the tokens, the alert channels and the delivery log. */
  ADMIN;

  private static final Set<String> PUBLIC_OPERATIONS = Set.of("getHealthLive", "getHealthReady", "getOpenApi");
  private static final Set<String> WRITE_OPERATIONS = Set.of("postPoints");
  /**
   * Reads that need the admin scope: the tokens; the channels (their URLs are often secrets
   * themselves, e.g. a Slack webhook's); and the delivery log, whose errors quote what receivers
   * inside or outside the network answered.
   */
  private static final Set<String> ADMIN_READS = Set.of("listTokens", "listChannels", "getChannel",
      "listNotifications", "getNotification");

  /**
   * The access an operation needs: public ones and writes of points by name, other reads
   * ({@code GET}) the read access except the {@link #ADMIN_READS}, and everything else, including any method
   * added later, the admin scope.
   */
  static Access of(Operation operation) {
    String id = operation.getOperationId();
    if (PUBLIC_OPERATIONS.contains(id)) {
      return PUBLIC;
    }
    if (WRITE_OPERATIONS.contains(id)) {
      return WRITE;
    }
    return operation.getHttpMethod() == HttpMethod.GET && !ADMIN_READS.contains(id) ? READ : ADMIN;
  }

  /** The scope that grants it, as the refusal names it. */
  String scope() {
    return this == WRITE ? "write" : name().toLowerCase(java.util.Locale.ROOT);
  }
}
