package io.pulseboard.cli;

import java.time.Instant;
import java.util.List;

/** One {@code token} subcommand with its arguments, already checked: nothing has been looked up yet. */
public sealed interface TokenCommand permits TokenCommand.Create, TokenCommand.ListAll, TokenCommand.Revoke {
  /** Who the command line records as the creator of its tokens. */
  String CREATED_BY = "cli";

  /** Most characters in a token's name (the table's constraint). */
  int MAX_NAME_LENGTH = 100;

  /** How the user named it, for messages: {@code token create}. */
  String usageName();

  /**
   * {@code token create}: a new token; its secret is printed once.
   *
   * @param scopes canonical scope texts, without repeats
   * @param expires {@code null} for a token that does not expire
   * @param json print the record and the secret as one JSON object
   */
  record Create(String name, List<String> scopes, Instant expires, boolean json) implements TokenCommand {
    public Create {
      scopes = List.copyOf(scopes);
    }

    @Override
    public String usageName() {
      return "token create";
    }
  }

  /** {@code token list}: every token as a record, never a secret or a hash. */
  record ListAll(boolean json) implements TokenCommand {
    @Override
    public String usageName() {
      return "token list";
    }
  }

  /** {@code token revoke ID}. */
  record Revoke(long id) implements TokenCommand {
    @Override
    public String usageName() {
      return "token revoke";
    }
  }
}
