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
  /** The read token when one is configured, or an admin token; anyone when none is. */
  READ,
  /** An admin token. */
  ADMIN;

  private static final Set<String> PUBLIC_OPERATIONS = Set.of("getHealthLive", "getHealthReady", "getOpenApi");

  /**
   * The access an operation needs: public ones by name, other reads ({@code GET}) the read
   * access, and everything else, including any method added later, the admin token.
   */
  static Access of(Operation operation) {
    if (PUBLIC_OPERATIONS.contains(operation.getOperationId())) {
      return PUBLIC;
    }
    return operation.getHttpMethod() == HttpMethod.GET ? READ : ADMIN;
  }
}
