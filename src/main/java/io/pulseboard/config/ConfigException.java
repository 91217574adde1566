package io.pulseboard.config;

/** An invalid setting; its message is the one line shown to the operator. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
