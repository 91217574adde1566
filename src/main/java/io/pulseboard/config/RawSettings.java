package io.pulseboard.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Setting values by environment-variable name, taken from the environment and then from
 * {@code --kebab-case} flags, which win. {@code --port 8080}, {@code --port=8080} and, for
 * switches, a bare {@code --demo} are all accepted.
 */
final class RawSettings {
  private final Map<String, String> values = new HashMap<>();

  RawSettings(Map<String, String> env, List<String> args, List<Setting<?>> settings) {
    settings.forEach(s -> {
      String value = env.get(s.name());
      if (value != null) {
        values.put(s.name(), value);
      }
    });
    readFlags(args, settings);
  }

  String get(String name) {
    return values.get(name);
  }

  /** The flag that sets an environment variable: {@code PULSEBOARD_DATA_DIR} is {@code --data-dir}. */
  static String flagOf(String envName) {
    String bare = envName.startsWith("PULSEBOARD_") ? envName.substring("PULSEBOARD_".length()) : envName;
    return "--" + bare.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private void readFlags(List<String> args, List<Setting<?>> settings) {
    Map<String, Setting<?>> byFlag = new HashMap<>();
    settings.forEach(s -> byFlag.put(s.flag(), s));
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      String flag = eq < 0 ? arg : arg.substring(0, eq);
      Setting<?> setting = byFlag.get(flag);
      if (setting == null) {
        throw new ConfigException("unknown option " + flag + " (see --help)");
      }
      String name = setting.name();
      if (eq >= 0) {
        values.put(name, arg.substring(eq + 1));
      } else if (setting.isSwitch() && (i + 1 == args.size() || args.get(i + 1).startsWith("--"))) {
        values.put(name, "true");
      } else if (i + 1 < args.size()) {
        values.put(name, args.get(++i));
      } else {
        throw new ConfigException("option " + flag + " needs a value");
      }
    }
  }
}
