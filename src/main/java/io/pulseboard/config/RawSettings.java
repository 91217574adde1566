package io.pulseboard.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Setting values by environment-variable name, taken from the environment and then from
 * {@code --kebab-case} flags, which win. {@code --port 8080}, {@code --port=8080} and, for
 * switches, a bare {@code --demo} are all accepted.
 */
final class RawSettings {
  private final Map<String, String> values = new HashMap<>();

  RawSettings(Map<String, String> env, List<String> args, Set<String> known, Set<String> switches) {
    known.forEach(name -> {
      String value = env.get(name);
      if (value != null) {
        values.put(name, value);
      }
    });
    readFlags(args, known, switches);
  }

  String get(String name) {
    return values.get(name);
  }

  /** The flag that sets an environment variable: {@code PULSEBOARD_DATA_DIR} is {@code --data-dir}. */
  static String flagOf(String envName) {
    String bare = envName.startsWith("PULSEBOARD_") ? envName.substring("PULSEBOARD_".length()) : envName;
    return "--" + bare.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private void readFlags(List<String> args, Set<String> known, Set<String> switches) {
    Map<String, String> byFlag = new HashMap<>();
    known.forEach(name -> byFlag.put(flagOf(name), name));
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      String flag = eq < 0 ? arg : arg.substring(0, eq);
      String name = byFlag.get(flag);
      if (name == null) {
        throw new ConfigException("unknown option " + flag + " (see --help)");
      }
      if (eq >= 0) {
        values.put(name, arg.substring(eq + 1));
      } else if (switches.contains(name) && (i + 1 == args.size() || args.get(i + 1).startsWith("--"))) {
        values.put(name, "true");
      } else if (i + 1 < args.size()) {
        values.put(name, args.get(++i));
      } else {
        throw new ConfigException("option " + flag + " needs a value");
      }
    }
  }
}
