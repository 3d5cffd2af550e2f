package io.complaintsuite.intake.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.platform.problem.ProblemException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-side request forgery: which targets production refuses, by hand-picked addresses. */
class TargetPolicyTest {
  private final TargetPolicy prod = new TargetPolicy(false, List.of("gateway.internal.example"));

  @Test
  void internalAddressesAreRefused() {
    for (String url :
        List.of(
            "http://127.0.0.1:8080/hook",
            "http://localhost/hook",
            "http://10.1.2.3/hook",
            "http://172.16.0.9/hook",
            "http://192.168.1.20/hook",
            "http://169.254.169.254/latest/meta-data", // cloud metadata
            "http://100.64.0.1/hook", // shared address space
            "http://0.0.0.0/hook",
            "http://[::1]/hook",
            "http://[fd00::1]/hook",
            "http://[fe80::1]/hook")) {
      String refusal = prod.refusal(URI.create(url));
      assertTrue(refusal != null && refusal.contains("internal address"), url + ": " + refusal);
    }
  }

  @Test
  void publicAddressesPass() {
    assertNull(prod.refusal(URI.create("https://93.184.216.34/hook")));
    assertNull(prod.refusal(URI.create("https://[2606:2800:220:1:248:1893:25c8:1946]/hook")));
  }

  @Test
  void anAllowListedHostPassesOutsideTheDefaultAndDevAllowsAll() {
    assertNull(
        new TargetPolicy(false, List.of("127.0.0.1")).refusal(URI.create("http://127.0.0.1/x")));
    assertNull(new TargetPolicy(true, List.of()).refusal(URI.create("http://10.0.0.1/x")));
  }

  @Test
  void badUrlsNameTheField() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> prod.check("ftp://example.cn/x", "url"));
    assertEquals(400, e.status());
    assertTrue(e.toProblem("/x").toString().contains("url"), e.toProblem("/x").toString());
    assertThrows(ProblemException.class, () -> prod.check("https://user:pw@example.cn/x", "url"));
    assertThrows(ProblemException.class, () -> prod.check("not a url", "url"));
    // Production: https only, except to an allow-listed host.
    assertThrows(ProblemException.class, () -> prod.check("http://93.184.216.34/x", "url"));
    assertEquals(
        URI.create("http://gateway.internal.example/x"),
        new TargetPolicy(false, List.of("gateway.internal.example"))
            .check("http://gateway.internal.example/x", "url"));
  }
}
