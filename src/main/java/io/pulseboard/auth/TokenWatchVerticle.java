package io.pulseboard.auth;

import io.pulseboard.db.Notifications;
import io.pulseboard.db.TokenRepository;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link TokenRegistry} of this instance current: LISTENs on
 * {@link TokenRepository#CHANNEL} and reloads on every notification (a token created or revoked
 * on any instance) and on every reconnect, reloads every few seconds as a safety net, withdraws
 * expired tokens as they expire, and writes when tokens were last used every few seconds in one
 * statement (never one write per request).
 */
public final class TokenWatchVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TokenWatchVerticle.class);
  /** How often the tokens are read again when no notification came (a lost one, a reconnect). */
  static final long SAFETY_RELOAD_MS = 5000;
  /** How often expiries are checked: a socket of an expired token closes within a second. */
  static final long EXPIRY_CHECK_MS = 250;
  /** How often last uses are written. */
  static final long LAST_USED_WRITE_MS = 10_000;

  private final TokenRegistry registry;
  private final TokenRepository repo;
  private final Notifications notifications;
  private Notifications.Listening listening;

  public TokenWatchVerticle(TokenRegistry registry, TokenRepository repo, Notifications notifications) {
    this.registry = registry;
    this.repo = repo;
    this.notifications = notifications;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(SAFETY_RELOAD_MS, id -> reload());
    vertx.setPeriodic(EXPIRY_CHECK_MS, id -> registry.withdrawExpired(Instant.now()));
    vertx.setPeriodic(LAST_USED_WRITE_MS, id -> writeLastUsed());
    return registry.reload()
        .compose(v -> notifications.listen(TokenRepository.CHANNEL, x -> reload(), id -> reload()))
        .onSuccess(l -> listening = l);
  }

  @Override
  public Future<?> stop() {
    return writeLastUsed().eventually(() -> listening == null ? Future.succeededFuture() : listening.stop());
  }

  private void reload() {
    registry.reload().onFailure(e -> LOG.warn("Reloading the tokens failed, will retry: {}", e.getMessage()));
  }

  private Future<Void> writeLastUsed() {
    Map<Long, Instant> used = registry.drainLastUsed();
    return repo.touch(used).recover(e -> {
      LOG.warn("Recording when tokens were last used failed: {}", e.getMessage());
      return Future.succeededFuture();
    });
  }
}
