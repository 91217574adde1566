package io.pulseboard.seed;

import io.pulseboard.db.AnnotationRepository.AnnotationInput;
import io.pulseboard.db.LabelValueNames;
import io.pulseboard.db.LocalizedText;
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
  private static final String REGION = "region";
  private static final OffsetDateTime REPORT_DATE = OffsetDateTime.parse("2025-09-10T00:00:00Z");

  private ReportFacts() {}

  /**
   * The report's metrics, named and described in English and Korean; the regions of its figures
   * are named in Korean (in English the page shows them as stored: global, kr, asia).
   */
  public static List<Metric> metrics() {
    return List.of(
        metric("weekly_users", "Weekly active users", "주간 활성 사용자", "users",
            "ChatGPT weekly active users worldwide.", "전 세계 ChatGPT 주간 활성 사용자 수.", "P7D", "number"),
        metric("weekly_users_yoy", "Weekly users vs a year earlier", "주간 사용자 (전년 대비)", "x",
            "Weekly users as a multiple of the same figure a year earlier.",
            "주간 사용자 수가 1년 전 같은 수치의 몇 배인지.", "P30D", "multiple"),
        metric("paid_subscribers_yoy", "Paid subscribers vs a year earlier", "유료 구독자 (전년 대비)", "x",
            "Paid subscribers as a multiple of the same figure a year earlier.",
            "유료 구독자 수가 1년 전 같은 수치의 몇 배인지.", "P30D", "multiple"),
        metric("offices", "Offices", "지사", "offices",
            "OpenAI offices open, worldwide and per region.", "전 세계와 지역별 오픈AI 지사 수.", "P90D", "number"));
  }

  /** The names of the regions the report's figures are given for. */
  public static LabelValueNames regionNames() {
    return new LabelValueNames(Map.of(REGION, Map.of(
        "global", korean("전 세계"),
        "kr", korean("한국"),
        "asia", korean("아시아"))));
  }

  private static LocalizedText korean(String ko) {
    return new LocalizedText(Map.of("ko", ko));
  }

  private static Metric metric(String id, String en, String ko, String unit, String descriptionEn,
      String descriptionKo, String cadence, String display) {
    return new Metric(id, new LocalizedText(Map.of("en", en, "ko", ko)), unit,
        new LocalizedText(Map.of("en", descriptionEn, "ko", descriptionKo)), List.of(REGION), cadence, display, null,
        regionNames(), Metric.LEVEL);
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
    return new PointInput(metric, Map.of(REGION, region), REPORT_DATE, value, SOURCE);
  }
}
