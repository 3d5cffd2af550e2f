package io.complaintsuite.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo's web chat: an HTTP receiver on 127.0.0.1 (a random port) for what intake-service
 * delivers to web-chat customers. It checks every request as docs/channel-integrations.md tells an
 * integrator to, with its own code (HMAC-SHA256 of {@code webhook-id.webhook-timestamp.body} with
 * the key of its {@code whsec_} secret, compared in constant time, timestamp within five minutes),
 * answers 204 to a verified request and 401 to anything else, and records what each complaint's
 * customer received, once per {@code webhook-id}.
 */
final class DemoWebChat implements AutoCloseable {
  static final String PATH = "/hooks/web-chat";
  private static final long TOLERANCE_SECONDS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One message a customer received. */
  record Message(String webhookId, long sequence, String kind, String number, String text) {}

  private final byte[] key = new byte[32];
  private final String secret;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Message> received = new ConcurrentHashMap<>();
  private final Map<String, String> complaintOf = new ConcurrentHashMap<>();
  private final AtomicInteger verified = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger duplicates = new AtomicInteger();

  DemoWebChat() throws IOException {
    new SecureRandom().nextBytes(key);
    secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "demo-web-chat");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(PATH, this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /** The signing secret the demo registers the connection with. */
  String secret() {
    return secret;
  }

  int verified() {
    return verified.get();
  }

  int refused() {
    return refused.get();
  }

  int duplicates() {
    return duplicates.get();
  }

  /** What the customer of a complaint received so far, in the suite's order (sequence). */
  List<Message> of(String complaintId) {
    List<Message> out = new ArrayList<>();
    received.forEach(
        (id, m) -> {
          if (complaintId.equals(complaintOf.get(id))) {
            out.add(m);
          }
        });
    out.sort(Comparator.comparingLong(Message::sequence));
    return out;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      if (!"POST".equals(exchange.getRequestMethod())) {
        answer(exchange, 405);
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      Headers headers = exchange.getRequestHeaders();
      String id = headers.getFirst("webhook-id");
      if (!verify(
          id, headers.getFirst("webhook-timestamp"), body, headers.getFirst("webhook-signature"))) {
        refused.incrementAndGet();
        answer(exchange, 401);
        return;
      }
      verified.incrementAndGet();
      JsonNode data;
      try {
        data = JSON.readTree(body).path("data");
      } catch (IOException e) {
        answer(exchange, 400);
        return;
      }
      Message m =
          new Message(
              id,
              data.path("sequence").asLong(),
              data.path("kind").asText(),
              data.path("number").asText(""),
              data.path("text").asText(""));
      // A retry of a request whose answer was lost carries the same webhook-id: keep it once.
      if (received.putIfAbsent(id, m) == null) {
        complaintOf.put(id, data.path("complaintId").asText(""));
      } else {
        duplicates.incrementAndGet();
      }
      answer(exchange, 204);
    } finally {
      exchange.close();
    }
  }

  /**
   * The Standard Webhooks check: one {@code v1,} signature in the header equals ours, and the
   * timestamp is within five minutes of this machine's clock.
   */
  boolean verify(String id, String timestamp, byte[] body, String header) {
    if (id == null || timestamp == null || header == null) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(Instant.now().getEpochSecond() - seconds) > TOLERANCE_SECONDS) {
      return false;
    }
    byte[] expected;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      expected = mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    for (String part : header.strip().split(" +")) {
      if (!part.startsWith("v1,")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(part.substring(3));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return true;
      }
    }
    return false;
  }

  private static void answer(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
