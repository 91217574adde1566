package io.pulseboard.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Logging for a command-line tool: warnings and errors only, on standard error, so that standard
 * output carries only the tool's answer (a script reads the new secret from it).
 */
public final class ToolLogging {
  private ToolLogging() {}

  /** Sends the log to standard error, warnings and up. */
  public static void toStandardError() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
        console.stop();
        console.setTarget("System.err");
        console.start();
      }
    }
  }
}
