package io.pulseboard.http;

import io.pulseboard.config.TlsFiles;
import io.pulseboard.process.RootCause;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The certificate HTTPS is served with, read from its PEM files and checked before use: both
 * parse, and the key is the certificate's (a signature made with the key verifies with the
 * certificate). The files' bytes are kept to tell when they change on disk.
 */
public final class ServerCertificate {
  private static final byte[] PROBE = {'p', 'u', 'l', 's', 'e'};

  private final TlsFiles files;
  private final byte[] cert;
  private final byte[] key;
  private final X509Certificate leaf;

  private ServerCertificate(TlsFiles files, byte[] cert, byte[] key, X509Certificate leaf) {
    this.files = files;
    this.cert = cert;
    this.key = key;
    this.leaf = leaf;
  }

  /**
   * Reads and checks the files; an {@link IllegalArgumentException} whose message says, in one
   * line, which file is wrong and why.
   */
  public static ServerCertificate read(TlsFiles files) {
    byte[] cert = bytes(files.cert());
    byte[] key = bytes(files.key());
    PemKeyCertOptions pem = pem(cert, key);
    X509KeyManager manager;
    String alias;
    try {
      manager = x509(pem.getKeyManagerFactory(null).getKeyManagers());
      alias = pem.loadKeyStore(null).aliases().nextElement();
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot read " + files.cert() + " and " + files.key() + " as a PEM certificate"
          + " and private key: " + RootCause.oneLine(e));
    }
    X509Certificate[] chain = manager.getCertificateChain(alias);
    if (!matches(manager.getPrivateKey(alias), chain[0])) {
      throw new IllegalArgumentException("the private key in " + files.key() + " is not the key of the certificate in "
          + files.cert());
    }
    return new ServerCertificate(files, cert, key, chain[0]);
  }

  /** Whether the files on disk still hold what was read; an unreadable file counts as changed. */
  public boolean unchangedOnDisk() {
    try {
      return Arrays.equals(cert, Files.readAllBytes(files.cert())) && Arrays.equals(key, Files.readAllBytes(files.key()));
    } catch (IOException e) {
      return false;
    }
  }

  /** The certificate and key as an HTTP server takes them. */
  PemKeyCertOptions keyCertOptions() {
    return pem(cert, key);
  }

  public TlsFiles files() {
    return files;
  }

  /** For logs: whose it is and until when it is valid. */
  public String describe() {
    return leaf.getSubjectX500Principal().getName() + ", valid until " + leaf.getNotAfter().toInstant();
  }


  private static PemKeyCertOptions pem(byte[] cert, byte[] key) {
    return new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key));
  }

  private static byte[] bytes(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("cannot read " + path + ": there is no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + path + ": " + RootCause.oneLine(e));
    }
  }

  private static X509KeyManager x509(KeyManager[] managers) {
    for (KeyManager m : managers) {
      if (m instanceof X509KeyManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("no X.509 key manager");
  }

  private static boolean matches(PrivateKey key, X509Certificate cert) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm();
    };
    try {
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(key);
      sign.update(PROBE);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(cert.getPublicKey());
      verify.update(PROBE);
      return verify.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
