package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.db.Board;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page reads board ids (its router, playlists, new boards' slugs) by the server's rule. */
class BoardIdCopiesTest {
  @Test
  void the_page_reads_board_ids_by_the_servers_rule() throws IOException {
    String page = Files.readString(Path.of("webroot/js/board.js"));
    Matcher m = Pattern.compile("export const ID_SYNTAX = '([^']+)';").matcher(page);
    assertThat(m.find()).as("ID_SYNTAX in board.js").isTrue();
    assertThat(m.group(1)).isEqualTo(Board.ID_SYNTAX);
  }
}
