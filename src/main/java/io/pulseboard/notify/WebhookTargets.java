package io.pulseboard.notify;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a webhook may point: an {@code http} or {@code https} URL without user info, whose host
 * does not resolve to an address inside the server's own networks (loopback, private, link-local
 * such as the cloud metadata address 169.254.169.254, unspecified, multicast) unless
 * {@code PULSEBOARD_WEBHOOK_ALLOW_PRIVATE} says so. The URL is checked when a channel is saved
 * ({@link #urlProblem}, {@link #literalRefusal}); the resolved address again at each delivery
 * ({@link #refusal}), since a name may resolve elsewhere by then.
 */
public final class WebhookTargets {
  /** Longest URL a channel may have. */
  public static final int MAX_URL = 2048;
  private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  /** Hosts that read as numbers (2130706433, 0x7f.1, 127.1): resolvers disagree on them, so none is taken. */
  private static final Pattern NUMERIC = Pattern.compile("(0x[0-9a-f]*|[0-9.]+|[0-9a-fx.]*\\.[0-9]+)", Pattern.CASE_INSENSITIVE);

  private final boolean allowPrivate;

  public WebhookTargets(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  public boolean allowPrivate() {
    return allowPrivate;
  }

  /** The URL parsed, or {@code null} when {@link #urlProblem} finds a fault. */
  public static URI parse(String url) {
    return urlProblem(url) == null ? URI.create(url) : null;
  }

  /** What is wrong with the URL as a webhook target, or {@code null} when it is usable. */
  public static String urlProblem(String url) {
    if (url.length() > MAX_URL) {
      return "a URL has at most " + MAX_URL + " characters";
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "not a URL: " + e.getReason();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "a webhook URL starts with http:// or https://";
    }
    if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
      return "a webhook URL may not carry a user name or password; put a secret in the path instead";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "a webhook URL names a host, e.g. https://hooks.example.com/pulseboard";
    }
    if (uri.getRawFragment() != null) {
      return "a webhook URL has no #fragment";
    }
    String host = host(uri);
    if (!isIpLiteral(host) && NUMERIC.matcher(host).matches()) {
      return "the host " + host + " is neither a name nor an address in dotted form";
    }
    return null;
  }

  /**
   * Why a URL whose host is an address literal is refused, or {@code null} when its host is a
   * name (checked at delivery) or an allowed address.
   */
  public String literalRefusal(URI uri) {
    String host = host(uri);
    if (!isIpLiteral(host)) {
      return null;
    }
    try {
      return refusal(host, InetAddress.getByName(host));
    } catch (UnknownHostException e) {
      return "the address " + host + " cannot be read";
    }
  }

  /** Why this resolved address of {@code host} may not be reached, or {@code null} when it may. */
  public String refusal(String host, InetAddress address) {
    String kind = forbiddenKind(address);
    if (kind == null || allowPrivate) {
      return null;
    }
    String shown = host.equals(address.getHostAddress()) ? host : host + " resolves to " + address.getHostAddress();
    return shown + ", " + kind + " address; webhooks may not reach it unless PULSEBOARD_WEBHOOK_ALLOW_PRIVATE=true";
  }

  /** The host of a URL without the brackets of an IPv6 literal. */
  public static String host(URI uri) {
    String host = uri.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** The port of a URL, or its scheme's default. */
  public static int port(URI uri) {
    return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static boolean isIpLiteral(String host) {
    return DOTTED_QUAD.matcher(host).matches() || host.contains(":");
  }

  /** What makes an address internal ("a loopback"), or {@code null} for a public one. */
  static String forbiddenKind(InetAddress a) {
    byte[] b = a.getAddress();
    if (a.isAnyLocalAddress() || (b.length == 4 && b[0] == 0)) {
      return "an unspecified";
    }
    if (a.isLoopbackAddress()) {
      return "a loopback";
    }
    if (a.isLinkLocalAddress()) {
      return "a link-local";
    }
    if (a.isMulticastAddress()) {
      return "a multicast";
    }
    if (b.length == 4 && (b[0] & 0xf0) == 0xf0) {
      return "a reserved or broadcast";
    }
    if (a.isSiteLocalAddress() || (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc)) {
      return "a private";
    }
    if (a instanceof Inet6Address && embedsIpv4(b)) {
      return forbiddenKind(ipv4Of(b));
    }
    return null;
  }

  /** IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses carry an IPv4 address in their last bytes. */
  private static boolean embedsIpv4(byte[] b) {
    boolean compatible = true;
    for (int i = 0; i < 12; i++) {
      compatible &= b[i] == 0;
    }
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    for (int i = 4; i < 12 && nat64; i++) {
      nat64 = b[i] == 0;
    }
    return compatible || nat64;
  }

  private static InetAddress ipv4Of(byte[] b) {
    try {
      return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
