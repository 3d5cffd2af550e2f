package io.complaintsuite.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.testsupport.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Agents working the assigned complaints through intake's API, as the agents' desk would: read the
 * work order (with its ETag), do the next step of the complaint's plan with {@code If-Match}, and
 * on a 409/412/5xx or a dropped connection read it again later. Each complaint gets a plan from its
 * key: left alone (so it breaches), responded only, resolved, resolved-reopened-resolved, or
 * resolved and closed. A step is chosen from the state read, so a step whose answer was lost is not
 * done twice.
 */
final class Agents implements AutoCloseable {
  enum Plan {
    LEAVE,
    RESPOND,
    RESOLVE,
    REOPEN,
    CLOSE
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> intakes;
  private final Supplier<Map<String, ChannelLoad.Ack>> acknowledged;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final ExecutorService desk = Executors.newFixedThreadPool(4);
  private final Thread loop = new Thread(this::work, "faults-agents");
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  private final AtomicInteger next = new AtomicInteger();
  private volatile boolean running = true;
  final Map<String, AtomicLong> actions = new ConcurrentHashMap<>();
  final AtomicLong conflicts = new AtomicLong();
  final AtomicLong failures = new AtomicLong();

  Agents(List<String> intakes, Supplier<Map<String, ChannelLoad.Ack>> acknowledged) {
    this.intakes = intakes;
    this.acknowledged = acknowledged;
  }

  static Plan plan(String key) {
    int n = Math.floorMod(key.hashCode() * 31 + 7, 10);
    return switch (n) {
      case 0, 1, 2 -> Plan.LEAVE;
      case 3 -> Plan.RESPOND;
      case 4, 5, 6 -> Plan.RESOLVE;
      case 7, 8 -> Plan.REOPEN;
      default -> Plan.CLOSE;
    };
  }

  void start() {
    loop.setDaemon(true);
    loop.start();
  }

  /** Every acknowledged complaint has had its whole plan done. */
  boolean allDone() {
    return finished.containsAll(acknowledged.get().keySet());
  }

  int done() {
    return finished.size();
  }

  private void work() {
    while (running) {
      List<Future<?>> round = new ArrayList<>();
      for (ChannelLoad.Ack ack : acknowledged.get().values()) {
        if (!finished.contains(ack.key())) {
          round.add(desk.submit(() -> step(ack)));
        }
      }
      for (Future<?> f : round) {
        try {
          f.get();
        } catch (Exception e) {
          failures.incrementAndGet();
        }
      }
      sleep(Duration.ofMillis(500));
    }
  }

  /** Reads the work order and does its plan's next step, if it is assigned yet. */
  private void step(ChannelLoad.Ack ack) {
    String intake = intakes.get(Math.floorMod(next.getAndIncrement(), intakes.size()));
    Plan plan = plan(ack.key());
    HttpResponse<String> read;
    try {
      read =
          send(
              HttpRequest.newBuilder(URI.create(intake + "/api/v1/complaints/" + ack.id()))
                  .header("Authorization", "Bearer " + Tokens.forUser("faults-agent", "agent"))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build());
    } catch (IOException e) {
      failures.incrementAndGet();
      return;
    }
    if (read.statusCode() != 200) {
      failures.incrementAndGet();
      return;
    }
    JsonNode complaint = json(read.body());
    if (complaint.path("department").isNull() || complaint.path("department").isMissingNode()) {
      return; // not routed yet: nobody's desk shows it
    }
    // Intake lets the assigned agent act, or (while queued) an agent of the queue's department:
    // mint that agent's token, with the department claim.
    String department = complaint.path("department").asText();
    String agent =
        complaint.path("agent").isTextual()
            ? complaint.path("agent").asText()
            : department + "-queue-agent";
    String etag = read.headers().firstValue("ETag").orElse(null);
    String status = complaint.path("status").asText();
    int reopens = complaint.path("reopenCount").asInt();
    String action;
    String body;
    switch (status) {
      case "received" -> {
        if (plan == Plan.LEAVE) {
          finished.add(ack.key());
          return;
        }
        action = "respond";
        body = "{\"message\":\"您好，已收到，正在处理。\"}";
      }
      case "in_progress", "waiting_for_customer" -> {
        if (plan == Plan.RESPOND || plan == Plan.LEAVE) {
          finished.add(ack.key());
          return;
        }
        action = "resolve";
        body =
            "{\"summary\":\"已处理完毕\",\"rootCause\":\"faults-run\","
                + "\"compensation\":{\"type\":\"coupon\",\"amount\":10,\"currency\":\"CNY\"}}";
      }
      case "resolved" -> {
        if (plan == Plan.REOPEN && reopens == 0) {
          action = "reopen";
          body = "{\"reason\":\"客户反馈问题仍未解决\"}";
        } else if (plan == Plan.CLOSE) {
          action = "close";
          body = null;
        } else {
          finished.add(ack.key());
          return;
        }
      }
      default -> {
        finished.add(ack.key());
        return;
      }
    }
    HttpRequest.Builder post =
        HttpRequest.newBuilder(
                URI.create(intake + "/api/v1/complaints/" + ack.id() + "/actions/" + action))
            .header("Authorization", "Bearer " + Tokens.forAgent(agent, department))
            .timeout(Duration.ofSeconds(10));
    if (etag != null) {
      post.header("If-Match", etag);
    }
    if (body != null) {
      post.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    } else {
      post.POST(HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> answer = send(post.build());
      int code = answer.statusCode();
      if (code == 200 || code == 201) {
        actions.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
      } else if (code == 409 || code == 412) {
        conflicts.incrementAndGet(); // someone (or our lost first try) changed it: read again
      } else if (code >= 500) {
        failures.incrementAndGet();
      } else {
        throw new IllegalStateException(
            action + " of " + ack.id() + " refused: " + code + " " + answer.body());
      }
    } catch (IOException e) {
      failures.incrementAndGet();
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until every plan is done (or {@code atMost} passed); true if all are. */
  boolean awaitAllDone(Duration atMost) {
    Instant end = Instant.now().plus(atMost);
    while (Instant.now().isBefore(end)) {
      if (allDone()) {
        return true;
      }
      sleep(Duration.ofSeconds(1));
    }
    return allDone();
  }

  @Override
  public void close() {
    running = false;
    desk.shutdownNow();
    try {
      loop.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
