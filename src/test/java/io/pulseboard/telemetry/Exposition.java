package io.pulseboard.telemetry;

import io.pulseboard.Http;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/** Reads samples out of a Prometheus text exposition, and waits for one to show. */
public final class Exposition {
  private final String text;

  public Exposition(String text) {
    this.text = text;
  }

  /** The current exposition of an instance. */
  public static Exposition scrape(Http http) {
    return new Exposition(http.get("/metrics").bodyAsString());
  }

  /** Scrapes until the exposition satisfies {@code condition}, for at most {@code timeout}. */
  public static Exposition awaitScrape(Http http, Duration timeout, Predicate<Exposition> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exposition last = scrape(http);
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the exposition did not get there within " + timeout + "; last one:\n" + last.text);
      }
      pause();
      last = scrape(http);
    }
    return last;
  }

  public String text() {
    return text;
  }

  /** Sample lines (no comments) of a family, e.g. {@code pulseboard_metric_value}. */
  public List<String> lines(String family) {
    return text.lines().filter(l -> l.startsWith(family + "{") || l.startsWith(family + " ")).toList();
  }

  /**
   * The value of the family's sample that carries all of these labels, written as in the
   * exposition and separated by commas, e.g. {@code metric="offices",region="asia"}; other labels
   * of the sample may have any value.
   */
  public OptionalDouble value(String family, String labels) {
    String[] pairs = labels.split(",(?=[a-z_]+=\")");
    return lines(family).stream()
        .filter(line -> {
          String set = line.substring(0, line.lastIndexOf('}') + 1);
          for (String pair : pairs) {
            if (!set.contains("{" + pair + ",") && !set.contains("," + pair + ",")
                && !set.contains("{" + pair + "}") && !set.contains("," + pair + "}")) {
              return false;
            }
          }
          return true;
        })
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).trim().split(" ")[0]))
        .findFirst();
  }

  public boolean has(String family, String labels, double expected) {
    OptionalDouble v = value(family, labels);
    return v.isPresent() && v.getAsDouble() == expected;
  }

  /** The value of a sample without labels, e.g. {@code pulseboard_metric_series}. */
  public OptionalDouble value(String name) {
    return lines(name).stream().filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).trim().split(" ")[0]))
        .findFirst();
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
