package io.pulseboard;

import io.pulseboard.cli.Invocation;
import io.pulseboard.cli.TokenTool;
import io.pulseboard.cli.ToolLogging;
import io.pulseboard.cli.UsageError;
import io.pulseboard.config.AppConfig;
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
 * Starts Pulseboard from the environment and the command line (or runs one of its {@code token}
 * subcommands), and ends the process with one of the {@link ExitCode}s: 0 after a clean shutdown
 * on SIGTERM or SIGINT, otherwise one line on standard error naming the cause and what to do.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  /** How a start ended: a running app, or the exit code to end the process with. */
  private record Start(Pulseboard app, ExitCode exit) {}

  private Main() {}

  public static void main(String[] args) {
    Invocation invocation;
    try {
      invocation = Invocation.parse(System.getenv(), List.of(args));
    } catch (UsageError e) {
      System.exit(fail(ExitCode.CONFIGURATION, e.getMessage()).code());
      return;
    }
    if (invocation instanceof Invocation.Help help) {
      System.out.print(help.text());
      return;
    }
    if (invocation instanceof Invocation.Token token) {
      System.exit(runTool(token).code());
      return;
    }
    System.exit(run(((Invocation.Serve) invocation).config()).code());
  }

  /** Runs a token subcommand; the exit code, with one line on standard error when it fails. */
  private static ExitCode runTool(Invocation.Token token) {
    ToolLogging.toStandardError();
    String name = token.command().usageName();
    try {
      new TokenTool(System.out).run(token.command(), token.config());
      return ExitCode.CLEAN;
    } catch (UsageError e) {
      return fail(ExitCode.CONFIGURATION, e.getMessage());
    } catch (StartupFailure e) {
      return fail(e.exitCode(), name + ": " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} failed", name, e);
      return fail(ExitCode.UNEXPECTED, name + ": " + e + " (the log above has the details)");
    }
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
    return Invocation.usage();
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
