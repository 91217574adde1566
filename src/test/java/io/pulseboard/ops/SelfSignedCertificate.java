package io.pulseboard.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made by the JDK's own
 * {@code keytool} (no other program needed) and written as the PEM files Pulseboard reads.
 */
record SelfSignedCertificate(X509Certificate certificate, String certPem, String keyPem) {
  private static final String PASSWORD = "changeit";

  /** A new key pair and certificate with this common name. */
  static SelfSignedCertificate create(Path dir, String commonName) throws Exception {
    Path store = dir.resolve(commonName + ".p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "pb", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + commonName,
        "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
        store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    X509Certificate cert = (X509Certificate) keys.getCertificate("pb");
    PrivateKey key = (PrivateKey) keys.getKey("pb", PASSWORD.toCharArray());
    return new SelfSignedCertificate(cert, pem("CERTIFICATE", cert.getEncoded()), pem("PRIVATE KEY", key.getEncoded()));
  }

  /** Writes the certificate and the key to these files. */
  void writeTo(Path cert, Path key) throws Exception {
    Files.writeString(cert, certPem);
    Files.writeString(key, keyPem);
  }

  /** A TLS context that trusts exactly these certificates. */
  static SSLContext trusting(SelfSignedCertificate... certificates) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    for (int i = 0; i < certificates.length; i++) {
      trusted.setCertificateEntry("c" + i, certificates[i].certificate());
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
