package io.pulseboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which addresses and URLs webhooks may reach, and when a failed notification is tried again. */
class WebhookTargetsTest {
  private static final WebhookTargets DEFAULT = new WebhookTargets(false);

  @Test
  void internal_addresses_are_refused_and_public_ones_pass() throws Exception {
    List<String> internal = List.of("127.0.0.1", "127.255.0.9", "::1", "10.0.0.1", "172.16.5.4", "172.31.255.255",
        "192.168.1.1", "fc00::1", "fd00:ec2::254", "169.254.169.254", "fe80::1", "0.0.0.0", "0.1.2.3", "::",
        "224.0.0.251", "ff02::1", "255.255.255.255", "240.0.0.1", "::ffff:127.0.0.1", "::127.0.0.1",
        "64:ff9b::a00:1");
    for (String address : internal) {
      assertThat(DEFAULT.refusal(address, InetAddress.getByName(address))).as(address).isNotNull();
      assertThat(new WebhookTargets(true).refusal(address, InetAddress.getByName(address))).as(address).isNull();
    }
    for (String address : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "100.64.0.1", "2606:4700::1111",
        "64:ff9b::808:808")) {
      assertThat(DEFAULT.refusal(address, InetAddress.getByName(address))).as(address).isNull();
    }
  }

  @Test
  void a_refusal_names_the_host_the_address_and_the_setting() throws Exception {
    assertThat(DEFAULT.refusal("hooks.internal", InetAddress.getByName("10.1.2.3")))
        .isEqualTo("hooks.internal resolves to 10.1.2.3, a private address; webhooks may not reach it unless"
            + " PULSEBOARD_WEBHOOK_ALLOW_PRIVATE=true");
  }

  @Test
  void only_host_names_wait_for_resolution_at_delivery() {
    assertThat(DEFAULT.literalRefusal(URI.create("https://hooks.example.com/x"))).isNull();
    assertThat(DEFAULT.literalRefusal(URI.create("http://localhost/x"))).isNull();
    assertThat(DEFAULT.literalRefusal(URI.create("http://127.0.0.1/x"))).contains("loopback");
    assertThat(DEFAULT.literalRefusal(URI.create("http://[::ffff:a9fe:a9fe]/x"))).contains("link-local");
  }

  @Test
  void urls_must_be_plain_http_or_https_with_a_host() {
    assertThat(WebhookTargets.urlProblem("https://hooks.example.com:8443/a?b=c")).isNull();
    for (String bad : List.of("ftp://x.example.com/", "file:///etc/passwd", "gopher://x/", "https://u:p@x.example.com/",
        "https://u@x.example.com/", "https:///x", "http://x.example.com/#f", "http://2130706433/", "http://0x7f.1/",
        "http://127.1/", "not a url", "//x.example.com/")) {
      assertThat(WebhookTargets.urlProblem(bad)).as(bad).isNotNull();
    }
  }

  @Test
  void errors_never_quote_the_path_or_query_of_a_url() {
    String url = "https://hooks.slack.com/services/T000/B000/XXXXSECRET?token=abc";
    assertThat(WebhookCall.scrub("timed out while executing POST /services/T000/B000/XXXXSECRET?token=abc for server",
        url)).doesNotContain("XXXXSECRET").doesNotContain("token=abc");
  }

  @Test
  void retries_back_off_exponentially_with_full_jitter_up_to_the_cap_and_stop_after_the_window() {
    RetrySchedule schedule = new RetrySchedule(Duration.ofMinutes(30), Duration.ofHours(24));
    assertThat(schedule.ceilingMs(1)).isEqualTo(1000);
    assertThat(schedule.ceilingMs(2)).isEqualTo(2000);
    assertThat(schedule.ceilingMs(5)).isEqualTo(16_000);
    assertThat(schedule.ceilingMs(40)).isEqualTo(Duration.ofMinutes(30).toMillis());
    Instant created = Instant.parse("2026-11-30T00:00:00Z");
    Instant now = created.plusSeconds(60);
    for (int i = 0; i < 1000; i++) {
      Instant next = schedule.next(3, created, now);
      assertThat(next).isBetween(now, now.plusMillis(4000));
    }
    assertThat(schedule.next(30, created, created.plus(Duration.ofHours(24)).plusSeconds(1))).isNull();
  }
}
