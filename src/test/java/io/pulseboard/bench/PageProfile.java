package io.pulseboard.bench;

import io.pulseboard.web.Browser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chrome's sampling CPU profiler over CDP, for a benchmark that asks for it with
 * {@code -Dpulseboard.bench.profile=true}: the page's functions with the most self time between
 * {@link #start} and {@link #stop}, so a missed target says where the time went.
 */
final class PageProfile {
  private static final int SAMPLE_MICROS = 200;
  private static final int TOP = 25;

  private PageProfile() {}

  static boolean wanted() {
    return Boolean.getBoolean("pulseboard.bench.profile");
  }

  static void start(Browser browser) {
    browser.driver.executeCdpCommand("Profiler.enable", Map.of());
    browser.driver.executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", SAMPLE_MICROS));
    browser.driver.executeCdpCommand("Profiler.start", Map.of());
  }

  /** Stops the profiler and prints the functions with the most self time, as a share of the time profiled. */
  @SuppressWarnings("unchecked")
  static void stop(Browser browser, String title) {
    Map<String, Object> answer = browser.driver.executeCdpCommand("Profiler.stop", Map.of());
    Map<String, Object> profile = (Map<String, Object>) answer.get("profile");
    List<Map<String, Object>> nodes = (List<Map<String, Object>>) profile.get("nodes");
    List<Number> samples = (List<Number>) profile.get("samples");
    List<Number> deltas = (List<Number>) profile.get("timeDeltas");
    Map<Long, String> names = new HashMap<>();
    for (Map<String, Object> node : nodes) {
      Map<String, Object> frame = (Map<String, Object>) node.get("callFrame");
      String url = (String) frame.get("url");
      String file = url == null || url.isEmpty() ? "" : url.substring(url.lastIndexOf('/') + 1);
      String name = (String) frame.get("functionName");
      names.put(((Number) node.get("id")).longValue(), (name.isEmpty() ? "(anonymous)" : name)
          + (file.isEmpty() ? "" : " " + file + ":" + (((Number) frame.get("lineNumber")).intValue() + 1)));
    }
    Map<String, Long> selfMicros = new HashMap<>();
    long total = 0;
    for (int i = 0; i < samples.size(); i++) {
      long delta = i + 1 < deltas.size() ? deltas.get(i + 1).longValue() : 0;
      selfMicros.merge(names.get(samples.get(i).longValue()), delta, Long::sum);
      total += delta;
    }
    long all = total;
    System.out.printf("  profile of %s: %.1f s sampled; self time by function:%n", title, all / 1e6);
    selfMicros.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
        .forEach(e -> System.out.printf("    %5.1f %%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
  }
}
