package io.pulseboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What each scope lets a token do, as every route, socket op and import asks it. */
class PrincipalTest {
  private static Principal with(String... scopes) {
    return new Principal(1, "t", Arrays.stream(scopes).map(Scope::parse).toList(), null);
  }

  @Test
  void admin_may_do_everything() {
    Principal admin = with("admin");
    assertThat(admin.isAdmin()).isTrue();
    assertThat(admin.mayRead()).isTrue();
    assertThat(admin.mayWriteAny()).isTrue();
    assertThat(admin.mayWrite("anything")).isTrue();
  }

  @Test
  void read_reads_and_never_writes() {
    Principal read = with("read");
    assertThat(read.mayRead()).isTrue();
    assertThat(read.mayWriteAny()).isFalse();
    assertThat(read.mayWrite("weekly_users")).isFalse();
    assertThat(read.isAdmin()).isFalse();
  }

  @Test
  void write_scopes_cover_exactly_their_metrics_and_never_read() {
    Principal one = with("write:weekly_users");
    assertThat(one.mayWrite("weekly_users")).isTrue();
    assertThat(one.mayWrite("weekly_users_yoy")).isFalse();
    Principal prefix = with("write:sales_*");
    assertThat(prefix.mayWrite("sales_kr")).isTrue();
    assertThat(prefix.mayWrite("sales_")).isTrue();
    assertThat(prefix.mayWrite("sale")).isFalse();
    assertThat(prefix.mayWrite("presales_kr")).isFalse();
    Principal all = with("write");
    assertThat(all.mayWrite("offices")).isTrue();
    for (Principal p : new Principal[] {one, prefix, all}) {
      assertThat(p.mayWriteAny()).isTrue();
      assertThat(p.mayRead()).isFalse();
      assertThat(p.isAdmin()).isFalse();
    }
  }

  @Test
  void a_board_scope_reads_its_board_only_and_read_reads_every_board() {
    Principal board = with("board:korea-launch", "write:offices");
    assertThat(board.mayReadBoard("korea-launch")).isTrue();
    assertThat(board.mayReadBoard("korea")).isFalse();
    assertThat(board.mayRead()).isFalse();
    assertThat(board.boards()).containsExactly("korea-launch");
    assertThat(with("read").mayReadBoard("anything")).isTrue();
    assertThat(with("write").mayReadBoard("korea-launch")).isFalse();
  }

  @Test
  void scopes_add_up() {
    Principal both = with("read", "write:offices");
    assertThat(both.mayRead()).isTrue();
    assertThat(both.mayWrite("offices")).isTrue();
    assertThat(both.mayWrite("weekly_users")).isFalse();
  }

  @Test
  void a_board_scope_alone_neither_reads_everything_nor_writes() {
    Principal board = with("board:korea-launch");
    assertThat(board.mayRead()).isFalse();
    assertThat(board.mayWriteAny()).isFalse();
  }

  @Test
  void a_token_stops_working_at_the_instant_it_expires() {
    Instant expiry = Instant.parse("2027-01-01T00:00:00Z");
    Principal p = new Principal(1, "t", java.util.List.of(Scope.parse("read")), expiry);
    assertThat(p.activeAt(expiry.minusNanos(1000))).isTrue();
    assertThat(p.activeAt(expiry)).isFalse();
    assertThat(with("read").activeAt(Instant.MAX)).isTrue();
  }
}
