package io.pulseboard.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The settings as command-line options: one {@code --kebab-case} option per {@link Setting}, made
 * from the setting itself, so the command line cannot drift from {@link Settings}. Options take
 * their value as {@code --port 8080} or {@code --port=8080}; a switch also stands alone
 * ({@code --demo}). Values stay text here: {@link Setting#read} checks them, as it checks the
 * environment's.
 */
public final class SettingOptions {
  private SettingOptions() {}

  /** Adds one option per setting to a command. */
  public static CommandSpec addTo(CommandSpec command, List<Setting<?>> settings) {
    for (Setting<?> s : settings) {
      OptionSpec.Builder option = OptionSpec.builder(s.flag())
          .type(String.class)
          .paramLabel("VALUE")
          .description(s.help());
      if (s.isSwitch()) {
        option.arity("0..1").fallbackValue("true");
      } else {
        option.arity("1");
      }
      command.addOption(option.build());
    }
    return command;
  }

  /**
   * A command line for a command made of settings: a later flag wins over an earlier one (as the
   * flag wins over the environment), and {@code @file} is a value like any other.
   */
  public static CommandLine commandLine(CommandSpec command) {
    CommandLine line = new CommandLine(command);
    line.setOverwrittenOptionsAllowed(true);
    line.setExpandAtFiles(false);
    return line;
  }

  /** The values of the settings given on this command, by environment name. */
  public static Map<String, String> values(ParseResult parsed, List<Setting<?>> settings) {
    Map<String, String> values = new HashMap<>();
    for (Setting<?> s : settings) {
      OptionSpec option = parsed.matchedOption(s.flag());
      if (option != null) {
        values.put(s.name(), option.getValue());
      }
    }
    return values;
  }

  /** The one line an operator sees for arguments the command line could not parse. */
  public static String problem(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String first = unmatched.getUnmatched().get(0);
      return first.startsWith("-") ? "unknown option " + first.split("=", 2)[0] + " (see --help)"
          : "unexpected argument '" + first + "' (see --help)";
    }
    if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
      ArgSpec arg = missing.getMissing().get(0);
      return arg instanceof OptionSpec option ? "option " + option.longestName() + " needs a value"
          : "missing " + arg.paramLabel() + " (see --help)";
    }
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message).strip();
  }
}
