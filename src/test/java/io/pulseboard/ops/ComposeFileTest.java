package io.pulseboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.ExternalTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker compose up} must not start a server whose write token or database password is public. */
class ComposeFileTest {
  private static final Path COMPOSE = Path.of("docker-compose.yml");
  private static final List<String> SECRETS = List.of("PULSEBOARD_ADMIN_TOKEN", "POSTGRES_PASSWORD");

  @TempDir
  Path tmp;

  private record Result(int exitCode, String output) {}

  /** {@code docker-compose config}, with only the given variables set (and no .env file read). */
  private Result config(Map<String, String> env, String... more) throws Exception {
    Path program = ExternalTool.require("docker-compose", "docker-compose");
    Path noEnvFile = Files.writeString(tmp.resolve("empty.env"), "");
    List<String> command = new java.util.ArrayList<>(List.of(program.toString(), "--env-file", noEnvFile.toString(), "-f",
        COMPOSE.toString(), "config"));
    command.addAll(List.of(more));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> SECRETS.contains(k) || k.startsWith("PULSEBOARD_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  @Test
  void no_secret_has_a_default_in_the_file() throws Exception {
    String text = Files.readString(COMPOSE);
    for (String secret : SECRETS) {
      assertThat(text).contains("${" + secret + ":?").doesNotContain("${" + secret + ":-", "${" + secret + "-",
          "${" + secret + "}");
    }
    assertThat(text).doesNotContain("change-me", "pulseboard:pulseboard@", "POSTGRES_PASSWORD: pulseboard");
  }

  @Test
  void compose_refuses_to_start_without_each_secret_and_names_it() throws Exception {
    Result neither = config(Map.of(), "-q");
    assertThat(neither.exitCode()).isNotZero();
    for (String secret : SECRETS) {
      Map<String, String> onlyOther = SECRETS.stream().filter(s -> !s.equals(secret))
          .collect(java.util.stream.Collectors.toMap(s -> s, s -> "abcdefghijklmnop0123456789"));
      Result missing = config(onlyOther, "-q");
      assertThat(missing.exitCode()).as(secret).isNotZero();
      assertThat(missing.output()).as(secret).contains("set " + secret);
    }
  }

  @Test
  void with_both_secrets_set_every_instance_gets_them() throws Exception {
    Result ok = config(Map.of("PULSEBOARD_ADMIN_TOKEN", "token-0123456789abcdef", "POSTGRES_PASSWORD", "pw0123456789"));
    assertThat(ok.exitCode()).as(ok.output()).isZero();
    assertThat(ok.output().split("PULSEBOARD_ADMIN_TOKEN: token-0123456789abcdef", -1)).hasSize(3);
    assertThat(ok.output().split("DATABASE_URL: postgresql://pulseboard:pw0123456789@postgres:5432/pulseboard", -1))
        .hasSize(3);
    assertThat(ok.output()).contains("POSTGRES_PASSWORD: pw0123456789");
  }
}
