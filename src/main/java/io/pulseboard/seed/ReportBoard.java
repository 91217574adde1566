package io.pulseboard.seed;

import io.pulseboard.db.Board;
import io.pulseboard.db.BoardTile;
import io.pulseboard.db.BoardTile.Size;
import io.pulseboard.db.LocalizedText;
import java.util.List;
import java.util.Map;

/**
 * The report as a board, laid out as one would present it: weekly users worldwide over the whole
 * record (the launch and the other dated events are annotations of every chart), the two
 * year-on-year multiples for Korea, the offices worldwide and in Asia side by side, and a note
 * citing the report. {@code docs/examples/korea-launch.board.json} is this board as exported.
 */
public final class ReportBoard {
  /** The board's id, also what a {@code board:korea-launch} token names. */
  public static final String ID = "korea-launch";
  private static final Map<String, String> KOREA = Map.of("region", "kr");

  private ReportBoard() {}

  public static Board board() {
    return new Board(ID, text("Korea launch", "한국 출범"), List.of(
        new Board.Section(text("Users worldwide", "전 세계 사용자"), List.of(
            new BoardTile.Chart("weekly_users", Map.of("region", "global"), "all", Size.XL))),
        new Board.Section(text("Korea, a year on", "한국, 1년 전 대비"), List.of(
            new BoardTile.Kpi("weekly_users_yoy", KOREA, Size.M),
            new BoardTile.Kpi("paid_subscribers_yoy", KOREA, Size.M))),
        new Board.Section(text("Offices", "지사"), List.of(
            new BoardTile.Table("offices", Map.of(), "region", Size.M),
            new BoardTile.Text(text(
                "OpenAI Korea opened in Seoul on 2025-09-10: its 12th office worldwide and 3rd in Asia. Source: "
                    + ReportFacts.SOURCE,
                "오픈AI 코리아가 2025년 9월 10일 서울에서 공식 출범했다. 세계 12번째, 아시아 3번째 지사다. "
                    + "출처: 2025-09-10 보도, 美 오픈AI, 한국지사 10일 공식 출범"), Size.M)))), 0, null);
  }

  private static LocalizedText text(String en, String ko) {
    return new LocalizedText(Map.of("en", en, "ko", ko));
  }
}
