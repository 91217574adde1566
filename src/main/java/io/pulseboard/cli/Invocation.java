package io.pulseboard.cli;

import io.pulseboard.config.AppConfig;
import io.pulseboard.config.ConfigException;
import io.pulseboard.config.Setting;
import io.pulseboard.config.SettingOptions;
import io.pulseboard.config.Settings;
import io.pulseboard.process.ExitCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * What the command line of the jar asks for: help, the server with its settings, or a
 * {@code token} subcommand. The server's flags are made from {@link Settings} (see
 * {@link SettingOptions}); the subcommands are in {@link TokenCommands}.
 */
public sealed interface Invocation permits Invocation.Help, Invocation.Serve, Invocation.Token {
  /** The program's name in usage lines. */
  String NAME = "pulseboard";

  /** Print this text and exit 0. */
  record Help(String text) implements Invocation {}

  /** Run the server with this configuration. */
  record Serve(AppConfig config) implements Invocation {}

  /** Run a token subcommand against the database this configuration names. */
  record Token(TokenCommand command, AppConfig config) implements Invocation {}

  /**
   * Reads the command line; a {@link UsageError} with one line (invalid configuration, an unknown
   * option or subcommand, a bad token argument) when it cannot be followed.
   */
  static Invocation parse(Map<String, String> env, List<String> args) {
    CommandLine line = commandLine();
    ParseResult root;
    try {
      root = line.parseArgs(args.toArray(new String[0]));
    } catch (CommandLine.ParameterException e) {
      throw new UsageError(problem(e));
    }
    Map<String, String> flags = new HashMap<>(SettingOptions.values(root, Settings.ALL));
    ParseResult deepest = root;
    while (deepest.subcommand() != null) {
      deepest = deepest.subcommand();
      flags.putAll(SettingOptions.values(deepest, TokenCommands.DATABASE_SETTINGS));
    }
    if (deepest.isUsageHelpRequested()) {
      return new Help(deepest == root ? usage() : deepest.commandSpec().commandLine().getUsageMessage());
    }
    AppConfig config;
    try {
      config = AppConfig.of(env, flags);
    } catch (ConfigException e) {
      throw new UsageError("invalid configuration: " + e.getMessage());
    }
    return deepest == root ? new Serve(config) : new Token(TokenCommands.read(deepest), config);
  }

  /** The command line: the server's settings as flags, help, and the token subcommands. */
  private static CommandLine commandLine() {
    CommandSpec root = SettingOptions.addTo(CommandSpec.create().name(NAME), Settings.ALL);
    root.addOption(TokenCommands.helpOption());
    CommandLine line = SettingOptions.commandLine(root);
    line.addSubcommand(TokenCommands.NAME, TokenCommands.commandLine());
    return line;
  }

  /** The one line for arguments that do not parse, naming the (sub)command and its help. */
  private static String problem(CommandLine.ParameterException e) {
    CommandSpec command = e.getCommandLine().getCommandSpec();
    String name = command.qualifiedName(" ");
    if (name.equals(NAME)) {
      return "invalid configuration: " + SettingOptions.problem(e);
    }
    String sub = name.substring(NAME.length() + 1);
    if (!command.subcommands().isEmpty() && e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
      return sub + ": unknown subcommand '" + unmatched.getUnmatched().get(0) + "'; use "
          + String.join(", ", command.subcommands().keySet()) + " (see " + sub + " --help)";
    }
    return sub + ": " + SettingOptions.problem(e).replace("(see --help)", "(see " + sub + " --help)");
  }

  /** The {@code --help} text, from the one list of settings. */
  static String usage() {
    StringBuilder out = new StringBuilder("Usage: " + NAME + " [--flag value ...]\n");
    for (String synopsis : TokenCommands.SYNOPSES) {
      out.append("       ").append(NAME).append(' ').append(synopsis).append('\n');
    }
    out.append("\nEvery setting is an environment variable or the matching flag (the flag wins):\n\n");
    for (Setting<?> s : Settings.ALL) {
      out.append(String.format("  %-32s %-26s %s%n", s.name(), s.flag(),
          s.help() + (s.fallback() == null ? "" : " (default " + s.fallback() + ")")));
    }
    out.append("\n").append(TokenCommands.SUMMARY).append("\n\nExit codes:");
    for (ExitCode code : ExitCode.values()) {
      out.append(' ').append(code.code()).append(' ').append(code.name().toLowerCase().replace('_', '-'));
      out.append(code.ordinal() + 1 < ExitCode.values().length ? "," : "\n");
    }
    return out.toString();
  }
}
