package io.complaintsuite.intake.security;

import io.complaintsuite.testsupport.AuthorizationMatrix;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every intake endpoint × every role × every bad token, from the OpenAPI document. */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class AuthorizationMatrixTest {
  @TestHTTPResource("/")
  URL root;

  @Test
  void everyEndpointLetsInItsRolesOnlyAndNoBadToken() {
    AuthorizationMatrix.check(root, Set.of(), 15);
  }
}
