package io.complaintsuite.intake.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.HttpFuzzer;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Hostile input on every intake endpoint: never a 5xx, every 4xx a problem+json. */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class BadInputFuzzTest {
  @TestHTTPResource("/")
  URL root;

  @Test
  void hostileRequestsGetProblemsNeverServerErrors() {
    HttpFuzzer.Result result = HttpFuzzer.runConfigured(root.toString().replaceAll("/$", ""));
    assertTrue(result.failures().isEmpty(), String.join("\n", result.failures()));
  }
}
