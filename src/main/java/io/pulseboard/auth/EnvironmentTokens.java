package io.pulseboard.auth;

import io.pulseboard.db.StoredToken;
import io.pulseboard.db.TokenRepository;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens the environment configures, {@code PULSEBOARD_ADMIN_TOKEN} (scope admin) and
 * {@code PULSEBOARD_READ_TOKEN} (scope read), kept as token records named after their variable
 * and created by {@value #CREATED_BY}, so they have ids for the audit and work on every instance
 * sharing the database, like any other token. At each start a configured one is stored by its
 * hash if new, and an earlier one of the same variable is revoked (so rotating is setting a new
 * value); an unset variable changes nothing, since another instance on the same database may set
 * it (revoke a token through the API to end it). A configured admin token replaces the one
 * generated at first start; with neither, and no admin token at all, one is generated and
 * printed once.
 */
public final class EnvironmentTokens {
  /** The {@code created_by} of environment tokens. */
  public static final String CREATED_BY = "environment";
  static final String ADMIN_VARIABLE = "PULSEBOARD_ADMIN_TOKEN";
  static final String READ_VARIABLE = "PULSEBOARD_READ_TOKEN";
  private static final String GENERATED_NAME = "admin (generated at first start)";
  private static final String GENERATED_BY = "pulseboard";
  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentTokens.class);

  private final TokenRepository repo;

  public EnvironmentTokens(TokenRepository repo) {
    this.repo = repo;
  }

  /** Brings the stored tokens in line with the configured ones; the future completes when done. */
  public Future<Void> apply(String adminToken, String readToken) {
    return configure(ADMIN_VARIABLE, "admin", adminToken)
        .compose(v -> configure(READ_VARIABLE, "read", readToken))
        .compose(v -> adminToken != null
            ? repo.revokeNamed(GENERATED_NAME, GENERATED_BY, null).mapEmpty()
            : generateIfNoAdmin());
  }

  private Future<Void> configure(String variable, String scope, String secret) {
    if (secret == null) {
      return Future.succeededFuture();
    }
    byte[] hash = TokenSecret.hash(secret);
    return repo.ensure(variable, List.of(scope), CREATED_BY, hash).compose(stored -> {
      warnIfUnusable(variable, scope, stored);
      return repo.revokeNamed(variable, CREATED_BY, hash);
    }).mapEmpty();
  }

  private static void warnIfUnusable(String variable, String scope, StoredToken stored) {
    if (stored.revokedAt() != null) {
      LOG.warn("{} was revoked (token #{}) and stays refused; set a new secret to replace it", variable, stored.id());
    } else if (!stored.scopes().contains(scope)) {
      LOG.warn("{} is the secret of token #{} ({}), which keeps its own scopes {}", variable, stored.id(),
          stored.name(), stored.scopes());
    }
  }

  private Future<Void> generateIfNoAdmin() {
    return repo.hashes("admin").compose(stored -> {
      if (!stored.isEmpty()) {
        return Future.succeededFuture();
      }
      String generated = TokenSecret.generate();
      return repo.create(GENERATED_NAME, List.of("admin"), null, GENERATED_BY, TokenSecret.hash(generated))
          .onSuccess(v -> announce(generated))
          .mapEmpty();
    });
  }

  private static void announce(String token) {
    LOG.warn("Generated an admin token; it is shown only this once, store it now:");
    System.out.println();
    System.out.println("    " + ADMIN_VARIABLE + "=" + token);
    System.out.println();
  }
}
