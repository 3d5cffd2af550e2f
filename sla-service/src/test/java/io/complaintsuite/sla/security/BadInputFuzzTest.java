package io.complaintsuite.sla.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.HttpFuzzer;
import io.complaintsuite.testsupport.SuiteInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Hostile input on every sla endpoint: never a 5xx, every 4xx a problem+json. */
@QuarkusTest
@QuarkusTestResource(
    value = SuiteInfraResource.class,
    restrictToAnnotatedClass = true,
    initArgs = {
      @ResourceArg(name = "database", value = "sla"),
      @ResourceArg(
          name = "topics",
          value = "complaints,assignments,surveys,sla-alerts,sla-service.dlq")
    })
class BadInputFuzzTest {
  @TestHTTPResource("/")
  URL root;

  @Test
  void hostileRequestsGetProblemsNeverServerErrors() {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    int requests = Integer.getInteger("fuzz.requests", 2_000);
    HttpFuzzer.Result result =
        new HttpFuzzer(seed).run(root.toString().replaceAll("/$", ""), requests);
    System.out.printf(
        "fuzz (seed %d): %d requests, statuses %s%n", seed, result.requests(), result.statuses());
    assertTrue(result.failures().isEmpty(), String.join("\n", result.failures()));
  }
}
