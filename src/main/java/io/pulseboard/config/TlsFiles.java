package io.pulseboard.config;

import java.nio.file.Path;

/**
 * The PEM files HTTPS is served with ({@code PULSEBOARD_TLS_CERT}, {@code PULSEBOARD_TLS_KEY}):
 * both set, or neither.
 *
 * @param cert the certificate chain, the server's own first
 * @param key its private key
 */
public record TlsFiles(Path cert, Path key) {

  /** Both files, {@code null} for neither, or a {@link ConfigException} when only one is set. */
  static TlsFiles of(Path cert, Path key) {
    if (cert == null && key == null) {
      return null;
    }
    if (cert == null || key == null) {
      String set = cert != null ? Settings.TLS_CERT.name() : Settings.TLS_KEY.name();
      String missing = cert != null ? Settings.TLS_KEY.name() : Settings.TLS_CERT.name();
      throw new ConfigException(set + " is set but " + missing + " is not; set both to serve HTTPS, or neither");
    }
    return new TlsFiles(cert, key);
  }
}
