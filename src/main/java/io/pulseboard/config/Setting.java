package io.pulseboard.config;

/**
 * One setting: its environment name (the flag is derived from it), its default written once, the
 * line {@code --help} and the README show, and the parser that checks a value. Parsing, the
 * default and {@code --help} all read this record, so they cannot drift apart.
 *
 * @param name environment variable, e.g. {@code PULSEBOARD_PORT}
 * @param fallback the default as a user would write it, or {@code null} for "unset"
 * @param help what the setting does, one line
 * @param parser turns a value into its typed form, or says what is wrong with it
 * @param <T> the parsed type
 */
public record Setting<T>(String name, String fallback, String help, Parser<T> parser) {

  /** Reads a value; throws {@link IllegalArgumentException} whose message completes "NAME (--flag) ...". */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(String value);
  }

  /** The flag that sets it: {@code PULSEBOARD_DATA_DIR} is {@code --data-dir}. */
  public String flag() {
    return RawSettings.flagOf(name);
  }

  /** Whether a bare {@code --flag} means {@code true}. */
  boolean isSwitch() {
    return parser == Parsers.BOOLEAN;
  }

  /** The value from these settings, else the default; {@code null} when neither is set. */
  T read(RawSettings raw) {
    String value = raw.get(name);
    if (value == null) {
      value = fallback;
    }
    if (value == null) {
      return null;
    }
    try {
      return parser.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + " (" + flag() + ") " + e.getMessage());
    }
  }
}
