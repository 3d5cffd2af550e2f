package io.complaintsuite.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Bad input for every operation of a service's OpenAPI document: random JSON, the operation's own
 * fields with wrong types, empty, huge, control-character, SQL- and HTML-injection and unknown-enum
 * values, dates out of range, invalid UTF-8, truncated JSON, 1 MB bodies, and garbage path and
 * query parameters — sent with a token of a role the operation allows. Every answer must be below
 * 500, and every 4xx an {@code application/problem+json}. Seeded: a failure names its seed and
 * request, so it can be replayed.
 */
public final class HttpFuzzer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] NASTY = {
    "",
    " ",
    "'; drop table complaint; --",
    "\" or 1=1 --",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "\u0000\u0001\u0002\u001b[31m",
    "\r\n\r\nInjected: header",
    "../../../../etc/passwd",
    "%00%ff%fe",
    "🙂🙃💥",
    "\uD800",
    "null",
    "NaN",
    "-1",
    "99999999999999999999999999",
    "1970-01-01T00:00:00Z",
    "0000-00-00T25:61:61Z",
    "9999-12-31T23:59:59+14:00",
    "-292275055-05-16T16:47:04.192Z",
    "not-a-uuid",
    "00000000-0000-0000-0000-000000000000",
    "投诉 退款 账户被盗 12315 媒体曝光",
    "UNKNOWN_ENUM_VALUE",
  };

  /** What a run found. */
  public record Result(int requests, Map<Integer, Integer> statuses, List<String> failures) {}

  private final Random random;
  private final long seed;

  public HttpFuzzer(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** How many requests a service's fuzz test sends unless {@code fuzz.requests} says otherwise. */
  public static final int DEFAULT_REQUESTS = 10_000;

  /**
   * The per-service fuzz run: {@code fuzz.requests} (default {@value #DEFAULT_REQUESTS}) requests
   * seeded by {@code fuzz.seed} (default: a fresh seed, printed so a failure can be replayed).
   */
  public static Result runConfigured(String baseUrl) {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    int requests = Integer.getInteger("fuzz.requests", DEFAULT_REQUESTS);
    Result result = new HttpFuzzer(seed).run(baseUrl, requests);
    System.out.printf(
        "fuzz (seed %d): %d requests, statuses %s%n", seed, result.requests(), result.statuses());
    return result;
  }

  /** Sends {@code requests} bad requests to the service at {@code baseUrl}. */
  public Result run(String baseUrl, int requests) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String docText = send(http, "GET", baseUrl + "/q/openapi?format=json", null, null, null).body();
    JsonNode doc = read(docText);
    List<AuthorizationMatrix.Operation> operations = new ArrayList<>();
    for (AuthorizationMatrix.Operation op : AuthorizationMatrix.operations(docText)) {
      if (op.secured() && !op.roles().isEmpty()) {
        operations.add(op);
      }
    }
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String role : Tokens.ROLES) {
      tokens.put(
          role,
          Tokens.mint(
              role + "-fuzzer", List.of(role), Duration.ofHours(2), SuiteSettings.LOCAL_ISSUER));
    }
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < requests && failures.size() < 20; i++) {
      AuthorizationMatrix.Operation op = operations.get(random.nextInt(operations.size()));
      String role =
          op.roles().stream().skip(random.nextInt(op.roles().size())).findFirst().orElseThrow();
      String url = baseUrl + path(op.path()) + query();
      byte[] body = null;
      String contentType = op.contentType();
      if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
        body = body(doc, op);
      }
      HttpResponse<String> response;
      try {
        response = send(http, op.method(), url, tokens.get(role), contentType, body);
      } catch (UncheckedIOException e) {
        failures.add(
            "seed "
                + seed
                + " request "
                + i
                + ": "
                + op
                + " as "
                + role
                + " ("
                + url
                + ", body "
                + preview(body)
                + ") got no answer: "
                + e.getCause());
        continue;
      }
      int status = response.statusCode();
      statuses.merge(status, 1, Integer::sum);
      String type = response.headers().firstValue("Content-Type").orElse("");
      String what =
          "seed "
              + seed
              + " request "
              + i
              + ": "
              + op
              + " as "
              + role
              + " -> "
              + status
              + " ("
              + url
              + ", body "
              + preview(body)
              + ")";
      if (status >= 500) {
        failures.add(what + ": " + response.body());
      } else if (status >= 400 && !type.startsWith("application/problem+json")) {
        failures.add(
            what + ": a " + status + " as " + type + ", not problem+json: " + response.body());
      }
    }
    return new Result(requests, statuses, failures);
  }

  private String path(String template) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int open = template.indexOf('{', at);
      if (open < 0) {
        out.append(template.substring(at));
        return out.toString();
      }
      out.append(template, at, open);
      at = template.indexOf('}', open) + 1;
      String value =
          switch (random.nextInt(4)) {
            case 0 -> java.util.UUID.randomUUID().toString();
            case 1 -> "TS20261123-" + random.nextInt(1_000_000);
            default -> nasty();
          };
      out.append(
          URLEncoder.encode(value.isEmpty() ? "x" : value, StandardCharsets.UTF_8)
              .replace("+", "%20"));
    }
  }

  private String query() {
    if (random.nextInt(3) != 0) {
      return "";
    }
    String[] names = {
      "limit", "cursor", "status", "from", "to", "q", "date", "priority", "channel", "kind"
    };
    StringBuilder q = new StringBuilder("?");
    for (int i = 0; i < 1 + random.nextInt(3); i++) {
      if (i > 0) {
        q.append('&');
      }
      q.append(names[random.nextInt(names.length)])
          .append('=')
          .append(URLEncoder.encode(nasty(), StandardCharsets.UTF_8));
    }
    return q.toString();
  }

  private byte[] body(JsonNode doc, AuthorizationMatrix.Operation op) {
    switch (random.nextInt(10)) {
      case 0:
        return new byte[] {'{', '"', 'a', '"', ':', (byte) 0xc3, (byte) 0x28, '}'}; // invalid UTF-8
      case 1:
        return "{\"subject\": \"未结束".getBytes(StandardCharsets.UTF_8); // truncated
      case 2:
        if (random.nextInt(5) == 0) {
          return ("{\"text\":\"" + "投".repeat(350_000) + "\"}")
              .getBytes(StandardCharsets.UTF_8); // ~1 MB
        }
        return randomJson(3).toString().getBytes(StandardCharsets.UTF_8);
      case 3:
        return randomJson(3).toString().getBytes(StandardCharsets.UTF_8);
      default:
        return mutated(doc, op).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The operation's own fields (from its schema), each filled with a hostile or wrong value. */
  private String mutated(JsonNode doc, AuthorizationMatrix.Operation op) {
    JsonNode schema = requestSchema(doc, op);
    Map<String, Object> body = new LinkedHashMap<>();
    Iterator<String> names = resolve(doc, schema).path("properties").fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (random.nextInt(4) == 0) {
        continue;
      }
      body.put(name, hostileValue());
    }
    if (body.isEmpty()) {
      body.put("x", hostileValue());
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object hostileValue() {
    return switch (random.nextInt(8)) {
      case 0 -> random.nextInt();
      case 1 -> random.nextBoolean();
      case 2 -> List.of(nasty(), random.nextLong());
      case 3 -> Map.of("nested", nasty());
      case 4 -> "x".repeat(random.nextInt(70_000));
      case 5 -> null;
      case 6 -> random.nextDouble() * 1e300;
      default -> nasty();
    };
  }

  private JsonNode requestSchema(JsonNode doc, AuthorizationMatrix.Operation op) {
    String method = op.method().toLowerCase();
    JsonNode content =
        doc.path("paths").path(op.path()).path(method).path("requestBody").path("content");
    Iterator<JsonNode> media = content.elements();
    return media.hasNext() ? media.next().path("schema") : JSON.createObjectNode();
  }

  private static JsonNode resolve(JsonNode doc, JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    if (ref.startsWith("#/components/schemas/")) {
      return doc.path("components")
          .path("schemas")
          .path(ref.substring("#/components/schemas/".length()));
    }
    return schema;
  }

  private JsonNode randomJson(int depth) {
    switch (depth <= 0 ? random.nextInt(4) : random.nextInt(6)) {
      case 0:
        return JSON.getNodeFactory().textNode(nasty());
      case 1:
        return JSON.getNodeFactory().numberNode(random.nextLong());
      case 2:
        return JSON.getNodeFactory().booleanNode(random.nextBoolean());
      case 3:
        return JSON.getNodeFactory().nullNode();
      case 4:
        var array = JSON.createArrayNode();
        for (int i = 0; i < random.nextInt(4); i++) {
          array.add(randomJson(depth - 1));
        }
        return array;
      default:
        var object = JSON.createObjectNode();
        for (int i = 0; i < random.nextInt(5); i++) {
          object.set(nasty(), randomJson(depth - 1));
        }
        return object;
    }
  }

  private String nasty() {
    return NASTY[random.nextInt(NASTY.length)];
  }

  private static String preview(byte[] body) {
    if (body == null) {
      return "none";
    }
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() > 160 ? text.substring(0, 160) + "… (" + body.length + " bytes)" : text;
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> send(
      HttpClient http, String method, String url, String token, String contentType, byte[] body) {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the fuzzer built a bad URL: " + url, e);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
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
