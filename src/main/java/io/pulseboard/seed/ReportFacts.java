package io.pulseboard.seed;

import io.pulseboard.db.AnnotationRepository.AnnotationInput;
import io.pulseboard.db.Metric;
import io.pulseboard.db.PointInput;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The figures of the news report on the opening of OpenAI's Korean office (2025-09-10), and
 * nothing else: Pulseboard's first data set.
 */
public final class ReportFacts {
  /** The report every seeded point names as its source. */
  public static final String SOURCE = "News report, 2025-09-10: 美 오픈AI, 한국지사 10일 공식 출범";
  private static final OffsetDateTime REPORT_DATE = OffsetDateTime.parse("2025-09-10T00:00:00Z");

  private ReportFacts() {}

  public static List<Metric> metrics() {
    return List.of(
        new Metric("weekly_users", "Weekly active users", "users",
            "ChatGPT weekly active users worldwide.", List.of("region"), "P7D", "number", null),
        new Metric("weekly_users_yoy", "Weekly users vs a year earlier", "x",
            "Weekly users as a multiple of the same figure a year earlier.", List.of("region"), "P30D",
            "multiple", null),
        new Metric("paid_subscribers_yoy", "Paid subscribers vs a year earlier", "x",
            "Paid subscribers as a multiple of the same figure a year earlier.", List.of("region"), "P30D",
            "multiple", null),
        new Metric("offices", "Offices", "offices",
            "OpenAI offices open, worldwide and per region.", List.of("region"), "P90D", "number", null));
  }

  public static List<PointInput> points() {
    return List.of(
        point("weekly_users", "global", 700_000_000),
        point("weekly_users_yoy", "kr", 4),
        point("paid_subscribers_yoy", "kr", 3),
        point("offices", "global", 12),
        point("offices", "asia", 3));
  }

  public static List<AnnotationInput> annotations() {
    return List.of(
        new AnnotationInput(OffsetDateTime.parse("2025-02-01T00:00:00Z"), "Strategic partnership with Kakao",
            "February 2025 (month only): OpenAI and Kakao announce a strategic partnership.", List.of()),
        new AnnotationInput(REPORT_DATE, "OpenAI Korea launch (Seoul)",
            "OpenAI Korea officially opens in Seoul, its 12th office worldwide and 3rd in Asia.", List.of()),
        new AnnotationInput(OffsetDateTime.parse("2025-09-12T00:00:00Z"), "Founders Day",
            "A Founders Day event for startups and developers in Korea.", List.of()),
        new AnnotationInput(OffsetDateTime.parse("2025-11-01T00:00:00Z"), "DevDay Exchange in Korea",
            "November 2025 (month only): DevDay Exchange for developers, startups and researchers.", List.of()));
  }

  private static PointInput point(String metric, String region, double value) {
    return new PointInput(metric, Map.of("region", region), REPORT_DATE, value, SOURCE);
  }
}
