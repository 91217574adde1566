package io.pulseboard.auth;

import io.pulseboard.db.TokenRepository;
import io.vertx.core.Future;
import java.security.MessageDigest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens that may write and read, held only as SHA-256 hashes and compared in constant time.
 * With no configured admin token, one is generated on first start, printed once and stored hashed.
 */
public final class AccessTokens {
  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);

  private final List<byte[]> adminHashes;
  private final byte[] readHash;

  public AccessTokens(List<byte[]> adminHashes, byte[] readHash) {
    this.adminHashes = List.copyOf(adminHashes);
    this.readHash = readHash;
  }

  /** The tokens in force for this configuration; the future holds them once stored. */
  public static Future<AccessTokens> load(String adminToken, String readToken, TokenRepository repo) {
    byte[] read = readToken == null ? null : hash(readToken);
    if (adminToken != null) {
      return Future.succeededFuture(new AccessTokens(List.of(hash(adminToken)), read));
    }
    return repo.hashes("admin").compose(stored -> {
      if (!stored.isEmpty()) {
        return Future.succeededFuture(new AccessTokens(stored, read));
      }
      String generated = generate();
      byte[] hash = hash(generated);
      return repo.create("admin (generated at first start)", List.of("admin"), null, "pulseboard", hash).map(v -> {
        announce(generated);
        return new AccessTokens(List.of(hash), read);
      });
    });
  }

  /** Whether reads are guarded by a token. */
  public boolean readGuarded() {
    return readHash != null;
  }

  public boolean isAdmin(String token) {
    if (token == null) {
      return false;
    }
    byte[] presented = hash(token);
    boolean match = false;
    for (byte[] h : adminHashes) {
      match |= MessageDigest.isEqual(h, presented);
    }
    return match;
  }

  /** Whether this token may read: the read token or an admin token. */
  public boolean mayRead(String token) {
    if (readHash == null) {
      return true;
    }
    return token != null && (MessageDigest.isEqual(readHash, hash(token)) | isAdmin(token));
  }

  static byte[] hash(String token) {
    return TokenSecret.hash(token);
  }

  private static String generate() {
    return TokenSecret.generate();
  }

  private static void announce(String token) {
    LOG.warn("Generated an admin token; it is shown only this once, store it now:");
    System.out.println();
    System.out.println("    PULSEBOARD_ADMIN_TOKEN=" + token);
    System.out.println();
  }
}
