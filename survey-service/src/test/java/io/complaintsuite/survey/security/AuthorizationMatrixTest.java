package io.complaintsuite.survey.security;

import io.complaintsuite.testsupport.AuthorizationMatrix;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every survey endpoint × every role × every bad token, from the OpenAPI document. */
@QuarkusTest
@WithSuiteInfra(
    database = "survey",
    topics = {
      "complaints",
      "assignments",
      "sla-alerts",
      "surveys",
      "notifications",
      "survey-service.dlq"
    })
class AuthorizationMatrixTest {
  @TestHTTPResource("/")
  URL root;

  @Test
  void everyEndpointLetsInItsRolesOnlyAndNoBadToken() {
    AuthorizationMatrix.check(root, Set.of("GET /s/{token}", "POST /s/{token}"), 5);
  }
}
