package io.pulseboard.auth;

import io.pulseboard.db.TokenRepository;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens in force on this instance, found by the SHA-256 of the presented secret. Reloaded
 * from the database (by {@link TokenWatchVerticle}: at start, on every notification of a created
 * or revoked token, and every few seconds), so a token revoked on any instance stops working here
 * too; an expired one is refused from the instant it expires. Tokens that stop working are
 * announced to the {@link #onWithdrawn listeners}, which close the sockets opened with them.
 * Thread-safe: every event loop asks it.
 */
public final class TokenRegistry {
  /** A token in force: the hash of its secret and who it is. */
  private record Entry(byte[] hash, Principal principal) {}

  private static final Logger LOG = LoggerFactory.getLogger(TokenRegistry.class);

  private final TokenRepository repo;
  private final boolean readsGuarded;
  private final Map<Long, Instant> lastUsed = new ConcurrentHashMap<>();
  private final List<Consumer<Set<Long>>> listeners = new CopyOnWriteArrayList<>();
  private volatile Map<ByteBuffer, Entry> byHash = Map.of();
  private long loadsStarted;
  private long loadApplied;

  /** {@code readsGuarded}: whether reads need a token (a read token is configured). */
  public TokenRegistry(TokenRepository repo, boolean readsGuarded) {
    this.repo = repo;
    this.readsGuarded = readsGuarded;
  }

  /** Whether reads need a token; when they do not, {@code read} and {@code board:} scopes change nothing. */
  public boolean readsGuarded() {
    return readsGuarded;
  }

  /**
   * The principal of this secret, or {@code null} when no token in force has it (unknown,
   * revoked or expired). The lookup is by hash; the match is confirmed in constant time.
   */
  public Principal authenticate(String secret) {
    if (secret == null) {
      return null;
    }
    byte[] presented = TokenSecret.hash(secret);
    Entry entry = byHash.get(ByteBuffer.wrap(presented));
    if (entry == null || !MessageDigest.isEqual(entry.hash(), presented)) {
      return null;
    }
    Instant now = Instant.now();
    if (!entry.principal().activeAt(now)) {
      return null;
    }
    lastUsed.put(entry.principal().id(), now);
    return entry.principal();
  }

  /**
   * As {@link #authenticate}, but a secret unknown here is looked up in the database before it is
   * refused, so a token made on another instance works here as soon as it is made, before its
   * notification arrives. A secret in force there reloads the tokens; any other costs one indexed
   * read (the callers count it as a failed authentication, which is rate-limited per address).
   */
  public Future<Principal> authenticateOrLoad(String secret) {
    Principal known = authenticate(secret);
    if (known != null || secret == null) {
      return Future.succeededFuture(known);
    }
    return repo.inForce(TokenSecret.hash(secret)).compose(found -> found
        ? reload().map(v -> authenticate(secret))
        : Future.succeededFuture());
  }

  /** Tells the listener the ids of tokens that stop working here (revoked or expired), as they do. */
  public void onWithdrawn(Consumer<Set<Long>> listener) {
    listeners.add(listener);
  }

  /** Reads the tokens in force from the database; the future completes once they are in use. */
  public Future<Void> reload() {
    long ticket;
    synchronized (this) {
      ticket = ++loadsStarted;
    }
    return repo.active().map(rows -> {
      Map<ByteBuffer, Entry> next = new HashMap<>();
      for (TokenRepository.Active row : rows) {
        try {
          next.put(ByteBuffer.wrap(row.hash()), new Entry(row.hash(), Principal.of(row.token())));
        } catch (IllegalArgumentException e) {
          // A row written past the API's checks must not keep every other token from loading.
          LOG.warn("Token #{} has a scope this server does not know and is refused: {}", row.token().id(),
              e.getMessage());
        }
      }
      apply(ticket, next);
      return null;
    });
  }

  /** Drops the tokens that expired by {@code now}, telling the listeners. */
  public void withdrawExpired(Instant now) {
    Map<ByteBuffer, Entry> current = byHash;
    if (current.values().stream().allMatch(e -> e.principal().activeAt(now))) {
      return;
    }
    Set<Long> expired = new HashSet<>();
    synchronized (this) {
      Map<ByteBuffer, Entry> next = new HashMap<>(byHash);
      next.values().removeIf(e -> !e.principal().activeAt(now) && expired.add(e.principal().id()));
      byHash = Map.copyOf(next);
    }
    announce(expired);
  }

  /** Hands over, and forgets, when each token was last used since the previous call. */
  public Map<Long, Instant> drainLastUsed() {
    Map<Long, Instant> drained = new HashMap<>();
    for (Map.Entry<Long, Instant> e : lastUsed.entrySet()) {
      if (lastUsed.remove(e.getKey(), e.getValue())) {
        drained.put(e.getKey(), e.getValue());
      }
    }
    return drained;
  }

  /** Applies a load unless a later one was applied already (loads may answer out of order). */
  private void apply(long ticket, Map<ByteBuffer, Entry> next) {
    Set<Long> withdrawn = new HashSet<>();
    synchronized (this) {
      if (ticket < loadApplied) {
        return;
      }
      loadApplied = ticket;
      Set<Long> kept = new HashSet<>();
      next.values().forEach(e -> kept.add(e.principal().id()));
      byHash.values().forEach(e -> {
        if (!kept.contains(e.principal().id())) {
          withdrawn.add(e.principal().id());
        }
      });
      byHash = Map.copyOf(next);
    }
    announce(withdrawn);
  }

  private void announce(Set<Long> ids) {
    if (!ids.isEmpty()) {
      Set<Long> copy = Set.copyOf(ids);
      listeners.forEach(l -> l.accept(copy));
    }
  }
}
