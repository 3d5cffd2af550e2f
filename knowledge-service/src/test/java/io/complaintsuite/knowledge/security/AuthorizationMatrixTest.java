package io.complaintsuite.knowledge.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.AuthorizationMatrix;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every knowledge endpoint × every role × every bad token, from the OpenAPI document. */
@QuarkusTest
@WithSuiteInfra(
    database = "knowledge",
    topics = {"complaints", "knowledge", "knowledge-service.dlq"})
class AuthorizationMatrixTest {
  @TestHTTPResource("/")
  URL root;

  @Test
  void everyEndpointLetsInItsRolesOnlyAndNoBadToken() {
    String base = root.toString().replaceAll("/$", "");
    AuthorizationMatrix.Result result = AuthorizationMatrix.run(base, Set.of());
    System.out.printf(
        "authorization matrix: %d operations, %d calls, %d violations%n",
        result.operations(), result.calls(), result.violations().size());
    assertTrue(result.operations() >= 5, "the OpenAPI document lists the endpoints");
    assertTrue(result.violations().isEmpty(), String.join("\n", result.violations()));
  }
}
