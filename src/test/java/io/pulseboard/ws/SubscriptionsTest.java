package io.pulseboard.ws;

import static io.pulseboard.ws.Changes.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {
  @Test
  void a_metric_subscription_matches_its_metric_only() {
    Subscriptions subs = Subscriptions.of(List.of("offices"), Map.of());
    assertThat(subs.matches(change(1, "offices", "asia"))).isTrue();
    assertThat(subs.matches(change(2, "weekly_users", "kr"))).isFalse();
    assertThat(subs.everything()).isFalse();
  }

  @Test
  void a_label_filter_needs_every_pair_in_the_change_labels() {
    Subscriptions subs = Subscriptions.of(List.of("offices"), Map.of("region", "asia"));
    assertThat(subs.matches(change(1, "offices", "asia"))).isTrue();
    assertThat(subs.matches(change(2, "offices", "global"))).isFalse();
    assertThat(Subscriptions.of(List.of("offices"), Map.of("city", "seoul")).matches(change(3, "offices", "asia")))
        .isFalse();
  }

  @Test
  void star_matches_every_metric_and_without_filter_is_everything() {
    Subscriptions all = Subscriptions.of(null, Map.of());
    assertThat(all.everything()).isTrue();
    assertThat(all.matches(change(1, "anything", "kr"))).isTrue();
    Subscriptions allAsia = Subscriptions.of(null, Map.of("region", "asia"));
    assertThat(allAsia.everything()).isFalse();
    assertThat(allAsia.matches(change(2, "offices", "asia"))).isTrue();
    assertThat(allAsia.matches(change(3, "offices", "kr"))).isFalse();
  }

  @Test
  void any_matching_subscription_delivers_a_change() {
    Subscriptions subs = Subscriptions.of(List.of("offices"), Map.of("region", "asia"))
        .with(null, Map.of("region", "kr"));
    assertThat(subs.matches(change(1, "offices", "asia"))).isTrue();
    assertThat(subs.matches(change(2, "weekly_users", "kr"))).isTrue();
    assertThat(subs.matches(change(3, "weekly_users", "global"))).isFalse();
  }

  @Test
  void subscribing_again_replaces_the_filter_of_that_metric() {
    Subscriptions subs = Subscriptions.of(List.of("offices"), Map.of("region", "asia"))
        .with(List.of("offices"), Map.of("region", "global"));
    assertThat(subs.size()).isEqualTo(1);
    assertThat(subs.matches(change(1, "offices", "asia"))).isFalse();
    assertThat(subs.matches(change(2, "offices", "global"))).isTrue();
  }

  @Test
  void without_removes_the_named_metrics_and_null_removes_all() {
    Subscriptions subs = Subscriptions.of(List.of("offices", "weekly_users"), Map.of());
    Subscriptions fewer = subs.without(List.of("offices"));
    assertThat(fewer.size()).isEqualTo(1);
    assertThat(fewer.matches(change(1, "offices", "asia"))).isFalse();
    assertThat(fewer.matches(change(2, "weekly_users", "kr"))).isTrue();
    assertThat(subs.without(null)).isSameAs(Subscriptions.NONE);
    assertThat(subs.without(null).isEmpty()).isTrue();
  }

  @Test
  void equal_subscriptions_are_one_instance_so_sockets_share_an_encoding() {
    Subscriptions a = Subscriptions.of(List.of("offices", "weekly_users"), Map.of("region", "kr"));
    Subscriptions b = Subscriptions.of(List.of("weekly_users"), Map.of("region", "kr"))
        .with(List.of("offices"), Map.of("region", "kr"));
    assertThat(b).isSameAs(a);
    assertThat(b.hashCode()).isEqualTo(a.hashCode());
  }
}
