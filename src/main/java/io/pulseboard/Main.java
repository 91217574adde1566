package io.pulseboard;

import io.pulseboard.config.AppConfig;
import io.pulseboard.config.ConfigException;
import io.pulseboard.config.Setting;
import io.pulseboard.config.Settings;
import io.pulseboard.process.ExitCode;
import io.pulseboard.process.StartupFailure;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Starts Pulseboard from the environment and the command line, and ends the process with one of
 * the {@link ExitCode}s: 0 after a clean shutdown on SIGTERM or SIGINT, otherwise one line on
 * standard error naming the cause and what to do.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  /** How a start ended: a running app, or the exit code to end the process with. */
  private record Start(Pulseboard app, ExitCode exit) {}

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
      System.exit(fail(ExitCode.CONFIGURATION, "invalid configuration: " + e.getMessage()).code());
      return;
    }
    System.exit(run(config).code());
  }

  /** Runs until a stop signal or a lost database; the exit code. */
  private static ExitCode run(AppConfig config) {
    CountDownLatch stop = new CountDownLatch(1);
    AtomicReference<ExitCode> outcome = new AtomicReference<>(ExitCode.CLEAN);
    Start start = start(config, stop, () -> {
      outcome.set(ExitCode.DATABASE_LOST);
      stop.countDown();
    });
    if (start.app() == null) {
      return start.exit();
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(start.app()), "pulseboard-shutdown"));
    awaitQuietly(stop);
    LOG.info(outcome.get() == ExitCode.CLEAN ? "Shutting down" : "Shutting down: the database is lost (exit code {})",
        outcome.get().code());
    return closeQuietly(start.app()) ? outcome.get() : ExitCode.UNEXPECTED;
  }

  /**
   * Starts the app with SIGTERM and SIGINT handled: they count {@code stop} down, and while the
   * start is under way they also interrupt it, which stops whatever it had started.
   */
  private static Start start(AppConfig config, CountDownLatch stop, Runnable onDatabaseLost) {
    Thread starter = Thread.currentThread();
    AtomicBoolean started = new AtomicBoolean();
    // The JVM's own handling of SIGTERM ends the process with 143 even after a clean shutdown,
    // which service managers report as a failure; handled here, a clean stop exits 0.
    SignalHandler onSignal = signal -> {
      stop.countDown();
      if (!started.get()) {
        starter.interrupt();
      }
    };
    Signal.handle(new Signal("TERM"), onSignal);
    Signal.handle(new Signal("INT"), onSignal);
    try {
      Pulseboard app = Pulseboard.start(config, onDatabaseLost);
      started.set(true);
      return new Start(app, ExitCode.CLEAN);
    } catch (Throwable e) {
      Thread.interrupted();
      if (stop.getCount() == 0) {
        LOG.info("Stopped during start-up");
        return new Start(null, ExitCode.CLEAN);
      }
      if (e instanceof StartupFailure failure) {
        return new Start(null, fail(failure.exitCode(), "could not start: " + failure.getMessage()));
      }
      LOG.error("Pulseboard could not start", e);
      return new Start(null, fail(ExitCode.UNEXPECTED, "could not start: " + e + " (the log above has the details)"));
    }
  }

  /** The {@code --help} text, from the one list of settings. */
  static String usage() {
    StringBuilder out = new StringBuilder("Usage: pulseboard [--flag value ...]\n\n"
        + "Every setting is an environment variable or the matching flag (the flag wins):\n\n");
    for (Setting<?> s : Settings.ALL) {
      out.append(String.format("  %-32s %-26s %s%n", s.name(), s.flag(),
          s.help() + (s.fallback() == null ? "" : " (default " + s.fallback() + ")")));
    }
    out.append("\nExit codes:");
    for (ExitCode code : ExitCode.values()) {
      out.append(' ').append(code.code()).append(' ').append(code.name().toLowerCase().replace('_', '-'));
      out.append(code.ordinal() + 1 < ExitCode.values().length ? "," : "\n");
    }
    return out.toString();
  }

  private static boolean closeQuietly(Pulseboard app) {
    try {
      app.close();
      return true;
    } catch (Exception e) {
      LOG.error("Shutdown did not finish cleanly", e);
      return false;
    }
  }

  private static void awaitQuietly(CountDownLatch stop) {
    while (true) {
      try {
        stop.await();
        return;
      } catch (InterruptedException e) {
        // only a stop signal ends the wait
      }
    }
  }

  /** Prints the one line the operator sees; the exit code. */
  private static ExitCode fail(ExitCode code, String line) {
    System.err.println("pulseboard: " + line);
    return code;
  }
}
