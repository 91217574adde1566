package io.pulseboard.cli;

import io.pulseboard.auth.Scope;
import io.pulseboard.config.Setting;
import io.pulseboard.config.SettingOptions;
import io.pulseboard.config.Settings;
import io.pulseboard.input.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code token} subcommands ({@code create}, {@code list}, {@code revoke}) and the checks of
 * their arguments, all made before the database is touched, so that a refused command writes
 * nothing.
 */
final class TokenCommands {
  static final String NAME = "token";
  /** The settings a token subcommand also takes as flags: those that say which database. */
  static final List<Setting<?>> DATABASE_SETTINGS = List.of(Settings.DATABASE_URL, Settings.DB_CONNECT_TIMEOUT,
      Settings.DATA_DIR);
  /** Their usage lines, after the program's name. */
  static final List<String> SYNOPSES = List.of(
      "token create --name NAME --scope SCOPE [--scope SCOPE ...] [--expires TIME] [--json]",
      "token list [--json]",
      "token revoke ID");
  static final String SUMMARY = "The token subcommands work on the database the settings name (DATABASE_URL, or the"
      + " embedded one in\nPULSEBOARD_DATA_DIR), with the server running or not. create prints the new secret once;"
      + " list never\nprints secrets; revoke takes effect on running servers at once. See token <subcommand> --help.";

  private static final String CREATE = "create";
  private static final String LIST = "list";
  private static final String REVOKE = "revoke";

  private TokenCommands() {}

  static OptionSpec helpOption() {
    return OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help and exit").build();
  }

  /** {@code token} with its three subcommands. */
  static CommandLine commandLine() {
    CommandLine token = SettingOptions.commandLine(command(NAME, "Creates, lists and revokes access tokens."));
    token.addSubcommand(CREATE, SettingOptions.commandLine(create()));
    token.addSubcommand(LIST, SettingOptions.commandLine(
        command(LIST, "Lists every token (id, name, scopes, expiry, created, last used, revoked); never a secret.")
            .addOption(json("print a JSON array of the records"))));
    token.addSubcommand(REVOKE, SettingOptions.commandLine(
        command(REVOKE, "Revokes a token; running servers drop it within a second.")
            .addPositional(PositionalParamSpec.builder().index("0").arity("1").paramLabel("ID").type(String.class)
                .description("the token's id, as token list shows it").build())));
    return token;
  }

  private static CommandSpec create() {
    return command(CREATE, "Creates a token and prints its secret, once; only its hash is stored.")
        .addOption(OptionSpec.builder("--name").arity("1").paramLabel("NAME").type(String.class)
            .description("what the token is for, 1 to " + TokenCommand.MAX_NAME_LENGTH + " characters").build())
        .addOption(OptionSpec.builder("--scope").arity("1").paramLabel("SCOPE").type(String[].class)
            .description("admin, read, write, write:<metric id>, write:<prefix>* or board:<id>; repeat for more")
            .build())
        .addOption(OptionSpec.builder("--expires").arity("1").paramLabel("TIME").type(String.class)
            .description("RFC 3339 time after which it is refused, e.g. " + Timestamps.EXAMPLE + "; unset = never")
            .build())
        .addOption(json("print the record and the secret as one JSON object"));
  }

  private static CommandSpec command(String name, String description) {
    CommandSpec spec = SettingOptions.addTo(CommandSpec.create().name(name), DATABASE_SETTINGS);
    spec.usageMessage().description(description);
    return spec.addOption(helpOption());
  }

  private static OptionSpec json(String description) {
    return OptionSpec.builder("--json").arity("0").type(boolean.class).description(description).build();
  }

  /** The subcommand this parse names, its arguments checked; a {@link UsageError} when they are wrong. */
  static TokenCommand read(ParseResult parsed) {
    String name = parsed.commandSpec().name();
    String prefix = NAME + " " + name + ": ";
    switch (name) {
      case CREATE:
        return new TokenCommand.Create(name(parsed, prefix), scopes(parsed, prefix), expires(parsed, prefix),
            parsed.hasMatchedOption("--json"));
      case LIST:
        return new TokenCommand.ListAll(parsed.hasMatchedOption("--json"));
      case REVOKE:
        return new TokenCommand.Revoke(id(parsed.matchedPositionalValue(0, ""), prefix));
      default:
        throw new UsageError(NAME + ": name a subcommand: create, list or revoke (see " + NAME + " --help)");
    }
  }

  private static String name(ParseResult parsed, String prefix) {
    String name = parsed.matchedOptionValue("--name", null);
    if (name == null) {
      throw new UsageError(prefix + "--name is required");
    }
    if (name.isBlank()) {
      throw new UsageError(prefix + "--name must not be empty");
    }
    int length = name.codePointCount(0, name.length());
    if (length > TokenCommand.MAX_NAME_LENGTH) {
      throw new UsageError(prefix + "--name has " + length + " characters; at most " + TokenCommand.MAX_NAME_LENGTH);
    }
    if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
        || Character.getType(c) == Character.SURROGATE)) {
      throw new UsageError(prefix + "--name must not contain control characters");
    }
    return name;
  }

  private static List<String> scopes(ParseResult parsed, String prefix) {
    String[] given = parsed.matchedOptionValue("--scope", new String[0]);
    if (given.length == 0) {
      throw new UsageError(prefix + "give at least one --scope (admin, read, write, write:<metric id>,"
          + " write:<prefix>* or board:<id>)");
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String text : given) {
      try {
        scopes.add(Scope.parse(text).toString());
      } catch (IllegalArgumentException e) {
        throw new UsageError(prefix + "--scope: " + e.getMessage());
      }
    }
    return new ArrayList<>(scopes);
  }

  private static Instant expires(ParseResult parsed, String prefix) {
    String text = parsed.matchedOptionValue("--expires", null);
    if (text == null) {
      return null;
    }
    Timestamps.Result result = Timestamps.parse(text);
    if (result instanceof Timestamps.Invalid invalid) {
      throw new UsageError(prefix + "--expires " + invalid.detail());
    }
    Instant at = ((Timestamps.Valid) result).time().toInstant();
    if (!at.isAfter(Instant.now())) {
      throw new UsageError(prefix + "--expires '" + text + "' is not in the future");
    }
    return at;
  }

  private static long id(String text, String prefix) {
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageError(prefix + "ID must be a token's id (a whole number above 0, see token list), got '" + text + "'");
  }
}
