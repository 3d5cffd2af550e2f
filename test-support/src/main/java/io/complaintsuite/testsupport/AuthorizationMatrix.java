package io.complaintsuite.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every endpoint of a service × every role × every kind of bad token, generated from the service's
 * own OpenAPI document, so an endpoint added later cannot be forgotten. Expectations: an endpoint
 * with a security requirement answers 401 to no token, an expired token, a wrong issuer, a forged
 * signature and {@code alg: none}; 403 to a valid token without one of its roles; neither to a role
 * it lists (the request may still be a 400 or 404: the dummy body and ids are not meant to be
 * valid). An endpoint without a security requirement must be in the test's list of public ones.
 */
public final class AuthorizationMatrix {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One operation of the OpenAPI document and the roles its security requirement lists. */
  public record Operation(
      String method, String path, Set<String> roles, boolean secured, String contentType) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** What the run found: every call that answered other than expected, and how many calls. */
  public record Result(List<String> violations, int calls, int operations) {}

  private AuthorizationMatrix() {}

  /** The operations of an OpenAPI document (JSON). */
  public static List<Operation> operations(String openApiJson) {
    try {
      JsonNode doc = JSON.readTree(openApiJson);
      List<Operation> operations = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
      while (paths.hasNext()) {
        Map.Entry<String, JsonNode> path = paths.next();
        Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
        while (methods.hasNext()) {
          Map.Entry<String, JsonNode> method = methods.next();
          if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
            continue;
          }
          JsonNode security = method.getValue().path("security");
          Set<String> roles = new TreeSet<>();
          for (JsonNode requirement : security) {
            requirement
                .fields()
                .forEachRemaining(e -> e.getValue().forEach(r -> roles.add(r.asText())));
          }
          // Send what the operation consumes: a wrong media type is refused before security.
          Iterator<String> consumes =
              method.getValue().path("requestBody").path("content").fieldNames();
          String contentType = consumes.hasNext() ? consumes.next() : "application/json";
          operations.add(
              new Operation(
                  method.getKey().toUpperCase(),
                  path.getKey(),
                  roles,
                  !security.isEmpty(),
                  contentType));
        }
      }
      return operations;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@link #run} against the service at {@code root}, for a test: prints the matrix's size and
   * fails on any violation, or when the OpenAPI document lists fewer than {@code minOperations} (an
   * empty document would pass every check).
   */
  public static void check(java.net.URL root, Set<String> publicOperations, int minOperations) {
    Result result = run(root.toString().replaceAll("/$", ""), publicOperations);
    System.out.printf(
        "authorization matrix: %d operations, %d calls, %d violations%n",
        result.operations(), result.calls(), result.violations().size());
    if (result.operations() < minOperations) {
      throw new AssertionError(
          "the OpenAPI document lists "
              + result.operations()
              + " operations, at least "
              + minOperations
              + " expected");
    }
    if (!result.violations().isEmpty()) {
      throw new AssertionError(String.join("\n", result.violations()));
    }
  }

  /**
   * Calls every operation of the service at {@code baseUrl} (whose OpenAPI document is at {@code
   * /q/openapi}) with every role and every bad token; {@code publicPaths} are the operations meant
   * to need no token ("GET /s/{token}").
   */
  public static Result run(String baseUrl, Set<String> publicOperations) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String doc =
        send(
                http,
                new Operation("GET", "/q/openapi", Set.of(), false, "application/json"),
                baseUrl + "/q/openapi?format=json",
                null)
            .body();
    List<Operation> operations = operations(doc);
    Map<String, String> badTokens = new LinkedHashMap<>();
    badTokens.put(
        "expired",
        Tokens.mint(
            "someone", List.of("admin"), Duration.ofMinutes(-10), SuiteSettings.LOCAL_ISSUER));
    badTokens.put(
        "wrong issuer",
        Tokens.mint(
            "someone",
            List.of("admin"),
            Duration.ofMinutes(10),
            "https://attacker.example/issuer"));
    badTokens.put("forged signature", forged(Tokens.forRole("admin")));
    badTokens.put("alg none", unsigned(Tokens.forRole("admin")));
    List<String> violations = new ArrayList<>();
    int calls = 0;
    for (Operation op : operations) {
      String url = baseUrl + concrete(op.path());
      if (!op.secured()) {
        if (!publicOperations.contains(op.toString())) {
          violations.add(op + " has no security requirement and is not declared public");
        }
        continue;
      }
      if (op.roles().isEmpty()) {
        violations.add(op + " is secured but names no role");
      }
      calls++;
      int none = send(http, op, url, null).statusCode();
      if (none != 401) {
        violations.add(op + " without a token answered " + none + ", expected 401");
      }
      for (Map.Entry<String, String> bad : badTokens.entrySet()) {
        calls++;
        int status = send(http, op, url, bad.getValue()).statusCode();
        if (status != 401) {
          violations.add(
              op + " with a " + bad.getKey() + " token answered " + status + ", expected 401");
        }
      }
      for (String role : Tokens.ROLES) {
        calls++;
        int status = send(http, op, url, Tokens.forRole(role)).statusCode();
        boolean allowed = op.roles().contains(role);
        if (allowed && (status == 401 || status == 403)) {
          violations.add(op + " refused its role " + role + " with " + status);
        } else if (!allowed && status != 403) {
          violations.add(op + " answered " + status + " to role " + role + ", expected 403");
        } else if (status >= 500) {
          violations.add(op + " failed with " + status + " for role " + role);
        }
      }
    }
    return new Result(violations, calls, operations.size());
  }

  /** Path parameters filled with a well-formed but unknown id. */
  private static String concrete(String path) {
    return path.replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
  }

  private static String forged(String token) {
    String[] parts = token.split("\\.");
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    signature[signature.length / 2] ^= 0x5a;
    return parts[0]
        + "."
        + parts[1]
        + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }

  private static String unsigned(String token) {
    String[] parts = token.split("\\.");
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    return header + "." + parts[1] + ".";
  }

  private static HttpResponse<String> send(
      HttpClient http, Operation op, String url, String token) {
    String method = op.method();
    boolean json = op.contentType().contains("json");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", op.contentType())
            .method(
                method,
                "GET".equals(method) || "DELETE".equals(method)
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json ? "{}" : ""));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
