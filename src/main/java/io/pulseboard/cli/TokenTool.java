package io.pulseboard.cli;

import io.pulseboard.auth.TokenSecret;
import io.pulseboard.config.AppConfig;
import io.pulseboard.db.StoredToken;
import io.pulseboard.db.TokenRepository;
import io.vertx.core.json.JsonArray;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link TokenCommand} against the server's database (see {@link ToolDatabase}) and prints
 * its answer. Secrets are printed only by {@code create}, once; only their hashes are stored.
 */
public final class TokenTool {
  private final PrintStream out;

  public TokenTool(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the command; blocks. A {@link UsageError} for a revoke of an unknown id, a
   * {@link io.pulseboard.process.StartupFailure} when the database cannot be opened.
   */
  public void run(TokenCommand command, AppConfig config) {
    try (ToolDatabase database = ToolDatabase.open(config)) {
      TokenRepository tokens = new TokenRepository(database.pool());
      if (command instanceof TokenCommand.Create create) {
        create(tokens, create);
      } else if (command instanceof TokenCommand.ListAll list) {
        list(tokens, list);
      } else if (command instanceof TokenCommand.Revoke revoke) {
        revoke(tokens, revoke);
      }
    }
  }

  private void create(TokenRepository tokens, TokenCommand.Create create) {
    String secret = TokenSecret.generate();
    StoredToken token = tokens.create(create.name(), create.scopes(), create.expires(), TokenCommand.CREATED_BY,
        TokenSecret.hash(secret)).await();
    if (create.json()) {
      out.println(token.toJson().put("token", secret).encode());
    } else {
      out.println("Created token " + token.id() + " (" + TokenTable.text(token.name()) + ", "
          + String.join(" ", token.scopes()) + "). Its secret, shown only this once:");
      out.println(secret);
    }
  }

  private void list(TokenRepository tokens, TokenCommand.ListAll list) {
    List<StoredToken> all = tokens.list().await();
    if (list.json()) {
      JsonArray array = new JsonArray();
      all.forEach(token -> array.add(token.toJson()));
      out.println(array.encode());
    } else {
      out.print(TokenTable.of(all));
    }
  }

  private void revoke(TokenRepository tokens, TokenCommand.Revoke revoke) {
    Optional<StoredToken> token = tokens.revoke(revoke.id()).await();
    if (token.isEmpty()) {
      throw new UsageError(revoke.usageName() + ": there is no token " + revoke.id() + " (see token list)");
    }
    out.println("Revoked token " + token.get().id() + " (" + TokenTable.text(token.get().name()) + ") at "
        + TokenTable.time(token.get().revokedAt()));
  }
}
