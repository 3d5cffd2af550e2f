package io.complaintsuite.platform.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.platform.problem.Problem;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET/PUT /platform/clock}: reads and moves the {@link MovableClock}, so end-to-end tests
 * can let deadlines pass in separate service processes. The route exists only with {@code
 * platform.clock.movable=true}; a service started that way under the {@code prod} profile refuses
 * to start. Role {@code admin} (an HTTP permission in service-platform's configuration).
 *
 * <p>PUT takes exactly one of {@code instant} (RFC 3339: the clock reads this now), {@code offset}
 * (ISO-8601 duration from system time) or {@code advance} (ISO-8601 duration added to the current
 * offset); both answer {@code {"now": ..., "offset": ...}}.
 */
@ApplicationScoped
public class MovableClockRoute {
  public static final String PATH = "/platform/clock";
  private static final int MAX_BODY = 1024;

  void register(@Observes Router router, Clocks clocks, ObjectMapper json) {
    MovableClock clock = clocks.movable().orElse(null);
    if (clock == null) {
      return;
    }
    refuseInProduction(ConfigUtils.getProfiles());
    router.get(PATH).handler(rc -> answer(rc, json, clock));
    router
        .put(PATH)
        .handler(BodyHandler.create().setBodyLimit(MAX_BODY))
        .handler(rc -> move(rc, json, clock));
  }

  /** A movable clock in production would let an admin token rewrite every deadline. */
  static void refuseInProduction(List<String> activeProfiles) {
    if (activeProfiles.contains("prod")) {
      throw new IllegalStateException(
          "platform.clock.movable=true is for tests only and refused under the prod profile");
    }
  }

  private static void move(RoutingContext rc, ObjectMapper json, MovableClock clock) {
    JsonNode body;
    try {
      body = json.readTree(rc.body().asString("UTF-8"));
    } catch (Exception e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      problem(rc, json, "body", "must be a JSON object with one of instant, offset, advance");
      return;
    }
    List<String> given = new ArrayList<>();
    body.fieldNames().forEachRemaining(given::add);
    if (given.size() != 1 || !List.of("instant", "offset", "advance").contains(given.get(0))) {
      problem(rc, json, "body", "must have exactly one of instant, offset, advance");
      return;
    }
    String field = given.get(0);
    String value = body.get(field).asText();
    try {
      switch (field) {
        case "instant" -> clock.set(Instant.parse(value));
        case "offset" -> clock.setOffset(Duration.parse(value));
        default -> clock.advance(Duration.parse(value));
      }
    } catch (DateTimeParseException e) {
      problem(
          rc,
          json,
          field,
          field.equals("instant")
              ? "must be an RFC 3339 instant such as 2026-12-07T01:30:00Z"
              : "must be an ISO-8601 duration such as PT15M");
      return;
    }
    answer(rc, json, clock);
  }

  private static void answer(RoutingContext rc, ObjectMapper json, MovableClock clock) {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("now", clock.instant().toString());
    state.put("offset", clock.offset().toString());
    write(rc, json, 200, "application/json", state);
  }

  private static void problem(RoutingContext rc, ObjectMapper json, String field, String message) {
    Problem problem =
        new Problem(
            "about:blank",
            "Bad Request",
            400,
            field + " " + message,
            rc.request().path(),
            List.of(new Problem.FieldError(field, message)));
    write(rc, json, 400, Problem.MEDIA_TYPE, problem);
  }

  private static void write(
      RoutingContext rc, ObjectMapper json, int status, String mediaType, Object body) {
    try {
      rc.response()
          .setStatusCode(status)
          .putHeader("Content-Type", mediaType)
          .end(json.writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      rc.fail(e);
    }
  }
}
