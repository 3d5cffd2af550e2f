package io.complaintsuite.intake.channel;

import io.complaintsuite.intake.settings.IntakeSettings;
import io.complaintsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Server-side request forgery guard: a connection's URL may not reach loopback, link-local,
 * private, shared (CGNAT) or multicast addresses unless the operator allows private targets or
 * allow-lists the host. Checked when a URL is registered and again before every request (DNS can
 * change between the two).
 */
@ApplicationScoped
public class TargetPolicy {
  private final boolean allowPrivate;
  private final List<String> allowedHosts;

  @Inject
  public TargetPolicy(IntakeSettings settings) {
    this(
        settings.delivery().allowPrivateTargets(),
        settings.delivery().allowedHosts().stream()
            .flatMap(hosts -> java.util.Arrays.stream(hosts.split(",")))
            .map(String::strip)
            .filter(h -> !h.isEmpty())
            .toList());
  }

  TargetPolicy(boolean allowPrivate, List<String> allowedHosts) {
    this.allowPrivate = allowPrivate;
    this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  /** The URL, checked; 400 naming {@code field} when it is not an allowed target. */
  public URI check(String url, String field) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badField(field, "is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw ProblemException.badField(field, "must be an http or https URL");
    }
    if (scheme.equals("http")
        && !allowPrivate
        && !allowedHosts.contains(String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT))) {
      throw ProblemException.badField(
          field, "must be https (plain http only to allow-listed hosts)");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw ProblemException.badField(field, "must name a host and no user info");
    }
    String refusal = refusal(uri);
    if (refusal != null) {
      throw ProblemException.badField(field, refusal);
    }
    return uri;
  }

  /** Why a request to {@code uri} must not be made now, or null when it may. */
  public String refusal(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (allowPrivate || allowedHosts.contains(host)) {
      return null;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return "host " + host + " does not resolve";
    }
    for (InetAddress address : addresses) {
      if (internal(address)) {
        return "host "
            + host
            + " resolves to an internal address ("
            + address.getHostAddress()
            + "); an operator may allow-list it in intake.delivery.allowed-hosts";
      }
    }
    return null;
  }

  static boolean internal(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // "this network"
          || (first == 100 && second >= 64 && second < 128) // shared address space (CGNAT)
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240; // reserved, broadcast
    }
    if (a instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
    }
    return false;
  }
}
