package io.pulseboard;

import io.pulseboard.config.AppConfig;
import io.pulseboard.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Pulseboard from the environment and the command line; stops it on SIGTERM. */
public final class Main {
  /** Exit code for invalid configuration. */
  static final int BAD_CONFIG = 2;

  private Main() {}

  public static void main(String[] args) {
    List<String> argList = List.of(args);
    if (argList.contains("--help") || argList.contains("-h")) {
      System.out.println(usage());
      return;
    }
    AppConfig config;
    try {
      config = AppConfig.from(System.getenv(), argList);
    } catch (ConfigException e) {
      System.err.println("pulseboard: invalid configuration: " + e.getMessage());
      System.exit(BAD_CONFIG);
      return;
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    try {
      Pulseboard app = Pulseboard.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        log.info("Shutting down");
        try {
          app.close();
        } catch (Exception e) {
          log.error("Shutdown did not finish cleanly", e);
        }
      }, "pulseboard-shutdown"));
    } catch (Exception e) {
      log.error("Pulseboard could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  static String usage() {
    StringBuilder out = new StringBuilder("Usage: pulseboard [--flag value ...]\n\n"
        + "Every setting is an environment variable or the matching flag (the flag wins):\n\n");
    for (Map.Entry<String, String> e : AppConfig.HELP.entrySet()) {
      String[] parts = e.getValue().split("\\|", 2);
      String flag = AppConfig.flagOf(e.getKey());
      out.append(String.format("  %-32s %-22s %s%n", e.getKey(), flag,
          parts[1] + (parts[0].isEmpty() ? "" : " (default " + parts[0] + ")")));
    }
    return out.toString();
  }
}
