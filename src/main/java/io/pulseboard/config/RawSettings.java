package io.pulseboard.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Setting values by environment-variable name, taken from the environment and then from the
 * command line's flags (see {@link SettingOptions}), which win.
 */
final class RawSettings {
  private final Map<String, String> values = new HashMap<>();

  RawSettings(Map<String, String> env, Map<String, String> flags, List<Setting<?>> settings) {
    settings.forEach(s -> {
      String value = flags.containsKey(s.name()) ? flags.get(s.name()) : env.get(s.name());
      if (value != null) {
        values.put(s.name(), value);
      }
    });
  }

  String get(String name) {
    return values.get(name);
  }

  /** The flag that sets an environment variable: {@code PULSEBOARD_DATA_DIR} is {@code --data-dir}. */
  static String flagOf(String envName) {
    String bare = envName.startsWith("PULSEBOARD_") ? envName.substring("PULSEBOARD_".length()) : envName;
    return "--" + bare.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
