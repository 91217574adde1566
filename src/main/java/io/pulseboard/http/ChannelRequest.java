package io.pulseboard.http;

import io.pulseboard.db.ChannelRepository;
import io.pulseboard.notify.Signature;
import io.pulseboard.notify.WebhookTargets;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * A channel as a client sends it, after the checks the contract cannot make: a usable name, an
 * {@code http(s)} URL without user info whose host, when it is an address, is one webhooks may
 * reach, a printable secret. Any fault is a 422 naming each field, and nothing is written.
 */
final class ChannelRequest {
  /** Longest name. */
  static final int MAX_NAME = 100;
  /** Shortest and longest secret a client may choose. */
  static final int MIN_SECRET = 16;
  static final int MAX_SECRET = 256;

  private ChannelRequest() {}

  /**
   * The channel to store; with a new secret when none is given and {@code generate} is set (a
   * creation), else with {@code null} to keep the stored one (a replacement).
   */
  static ChannelRepository.Input of(JsonObject body, WebhookTargets targets, boolean generate) {
    Problem problem = Problem.invalid("the channel is invalid; nothing was written");
    String name = body.getString("name");
    if (Requests.checkText(problem, "/name", name) && (name.isBlank() || name.length() > MAX_NAME)) {
      problem.error("/name", "a name has 1 to " + MAX_NAME + " characters, not only spaces");
    }
    String url = body.getString("url");
    if (Requests.checkText(problem, "/url", url)) {
      checkUrl(problem, url, targets);
    }
    String secret = body.getString("secret");
    if (secret != null && !secret.matches("[\\x21-\\x7e]{" + MIN_SECRET + "," + MAX_SECRET + "}")) {
      problem.error("/secret", "a secret has " + MIN_SECRET + " to " + MAX_SECRET
          + " printable ASCII characters without spaces; leave it out to have one generated");
    }
    if (problem.hasErrors()) {
      throw problem;
    }
    return new ChannelRepository.Input(name, body.getString("kind"), url, body.getString("format"),
        secret == null && generate ? Signature.newSecret() : secret);
  }

  private static void checkUrl(Problem problem, String url, WebhookTargets targets) {
    String fault = WebhookTargets.urlProblem(url);
    if (fault != null) {
      problem.error("/url", fault);
      return;
    }
    String refusal = targets.literalRefusal(URI.create(url));
    if (refusal != null) {
      problem.error("/url", refusal);
    }
  }
}
