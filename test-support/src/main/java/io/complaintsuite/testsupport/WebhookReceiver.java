package io.complaintsuite.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A channel's receiver, as an integrator would write it from docs/channel-integrations.md (used by
 * intake-service tests and the e2e journeys): it verifies every request by the Standard Webhooks
 * rules with its own code (not the suite's), and records what it accepted. Its answer can be
 * switched: 200, 503, 410, or 200 after a delay; it can be stopped (connection refused) and started
 * again on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {
  public enum Mode {
    OK,
    UNAVAILABLE,
    GONE,
    SLOW
  }

  /** A request the receiver accepted (answered 2xx). */
  public record Accepted(String id, long timestamp, JsonNode payload, Instant at) {
    public String kind() {
      return payload.path("data").path("kind").asText();
    }

    public String complaintId() {
      return payload.path("data").path("complaintId").asText();
    }

    public long sequence() {
      return payload.path("data").path("sequence").asLong();
    }

    public String text() {
      return payload.path("data").path("text").asText();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final int port;
  private final Supplier<Instant> serviceNow;
  private volatile List<byte[]> keys;
  private volatile Mode mode = Mode.OK;
  private volatile long slowMillis = 6000;
  private HttpServer server;
  public final List<Accepted> accepted = new CopyOnWriteArrayList<>();
  public final List<String> requests = new CopyOnWriteArrayList<>();
  public final List<String> refused = new CopyOnWriteArrayList<>();
  public final List<Instant> slowStarted = new CopyOnWriteArrayList<>();

  /**
   * @param secrets the {@code whsec_} secrets the receiver accepts
   * @param serviceNow the sending service's clock, against which the timestamp's age is checked
   */
  public WebhookReceiver(Supplier<Instant> serviceNow, String... secrets) throws IOException {
    this.serviceNow = serviceNow;
    accept(secrets);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    port = server.getAddress().getPort();
    start(server);
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/hooks/complaints";
  }

  public void accept(String... secrets) {
    List<byte[]> list = new ArrayList<>();
    for (String s : secrets) {
      list.add(Base64.getDecoder().decode(s.substring("whsec_".length())));
    }
    keys = list;
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  /** Connection refused from now on. */
  public synchronized void stop() {
    server.stop(0);
  }

  public synchronized void restart() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    start(server);
  }

  private void start(HttpServer s) {
    s.setExecutor(Executors.newCachedThreadPool());
    s.createContext("/hooks/complaints", this::handle);
    s.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    String body = new String(raw, StandardCharsets.UTF_8);
    String id = exchange.getRequestHeaders().getFirst("webhook-id");
    String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
    String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
    requests.add(id);
    if (id == null
        || timestamp == null
        || signature == null
        || !verify(id, timestamp, body, signature)) {
      refused.add(id + " " + signature);
      answer(exchange, 401);
      return;
    }
    Mode now = mode;
    switch (now) {
      case UNAVAILABLE -> answer(exchange, 503);
      case GONE -> answer(exchange, 410);
      case SLOW -> {
        slowStarted.add(Instant.now());
        try {
          Thread.sleep(slowMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        accepted.add(
            new Accepted(id, Long.parseLong(timestamp), JSON.readTree(body), Instant.now()));
        answer(exchange, 204);
      }
      case OK -> {
        accepted.add(
            new Accepted(id, Long.parseLong(timestamp), JSON.readTree(body), Instant.now()));
        answer(exchange, 204);
      }
    }
  }

  /**
   * The specification's check: at least one {@code v1,} signature equal (in constant time) to
   * base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)) for one of our keys, and a
   * timestamp within five minutes of now.
   */
  private boolean verify(String id, String timestamp, String body, String header) {
    long ts;
    try {
      ts = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(serviceNow.get().getEpochSecond() - ts) > 300) {
      return false;
    }
    byte[] signed = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
    for (String part : header.split(" ")) {
      int comma = part.indexOf(',');
      if (comma < 0 || !part.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(part.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      for (byte[] key : keys) {
        try {
          Mac mac = Mac.getInstance("HmacSHA256");
          mac.init(new SecretKeySpec(key, "HmacSHA256"));
          if (MessageDigest.isEqual(mac.doFinal(signed), given)) {
            return true;
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return false;
  }

  private static void answer(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  public void slowFor(long millis) {
    this.slowMillis = millis;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
