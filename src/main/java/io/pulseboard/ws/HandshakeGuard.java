package io.pulseboard.ws;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.pulseboard.auth.AuthFailureLimit;
import io.pulseboard.auth.Bearer;
import io.pulseboard.auth.Principal;
import io.pulseboard.auth.TokenRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Who may open {@code /ws}. A browser's {@code Origin} must be allowed: by default only the same
 * origin (its host and port equal the {@code Host} header); clients that send no Origin (programs,
 * not browsers) pass. When reads need a token, it comes as {@code Authorization: Bearer} or, since
 * browsers cannot set headers on a WebSocket, as the {@code token} query parameter. Any token in
 * force opens the socket; what it may subscribe to is its scopes' business ({@link Session}).
 */
final class HandshakeGuard {
  private final List<String> allowedOrigins;
  /** The outcome: a refusal (a close reason for 1008), or who the socket acts as (null while reads are open). */
  record Verdict(String refusal, Principal principal) {}

  private final TokenRegistry tokens;
  private final AuthFailureLimit failures;

  HandshakeGuard(List<String> allowedOrigins, TokenRegistry tokens, AuthFailureLimit failures) {
    this.allowedOrigins = allowedOrigins.stream().map(HandshakeGuard::normalize).toList();
    this.tokens = tokens;
    this.failures = failures;
  }

  /**
   * Makes sure this instance knows the handshake's token if it is in force in the database (made
   * on another instance a moment ago), so that {@link #check} then judges it as every instance
   * would; the future never fails (an unknown token is refused by the check).
   */
  Future<Void> recognize(MultiMap headers, String uri) {
    String token = tokens.readsGuarded() ? token(headers, uri) : null;
    if (token == null) {
      return Future.succeededFuture();
    }
    return tokens.authenticateOrLoad(token).<Void>mapEmpty().otherwiseEmpty();
  }

  /** Whether this handshake from this client address may proceed, and as whom. */
  Verdict check(MultiMap headers, String uri, String address) {
    String origin = headers.get("Origin");
    if (origin != null && !originAllowed(origin, headers.get("Host"))) {
      return new Verdict("origin not allowed", null);
    }
    if (!tokens.readsGuarded()) {
      return new Verdict(null, null);
    }
    String token = token(headers, uri);
    Principal principal = tokens.authenticate(token);
    if (principal != null) {
      return new Verdict(null, principal);
    }
    if (token == null) {
      return new Verdict("token required", null);
    }
    failures.failed(address);
    return new Verdict("token unknown, revoked or expired", null);
  }

  private boolean originAllowed(String origin, String host) {
    if (allowedOrigins.contains("*")) {
      return true;
    }
    String normalized = normalize(origin);
    if (!allowedOrigins.isEmpty()) {
      return allowedOrigins.contains(normalized);
    }
    if (normalized == null || host == null) {
      return false;
    }
    String scheme = normalized.substring(0, normalized.indexOf("://"));
    return normalized.equals(normalize(scheme + "://" + host.trim()));
  }

  /** {@code scheme://host[:port]} in lower case, without the scheme's default port; null if not an origin. */
  static String normalize(String origin) {
    if (origin.equals("*")) {
      return origin;
    }
    try {
      URI uri = new URI(origin.trim().toLowerCase(Locale.ROOT));
      String scheme = uri.getScheme();
      if (uri.getHost() == null || scheme == null) {
        return null;
      }
      int port = uri.getPort();
      boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
      return scheme + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
    } catch (Exception e) {
      return null;
    }
  }

  static String token(MultiMap headers, String uri) {
    String header = Bearer.token(headers.get("Authorization"));
    if (header != null) {
      return header;
    }
    List<String> query = new QueryStringDecoder(uri).parameters().get("token");
    return query == null || query.isEmpty() || query.get(0).isEmpty() ? null : query.get(0);
  }
}
