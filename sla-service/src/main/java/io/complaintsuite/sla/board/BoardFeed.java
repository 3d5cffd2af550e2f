package io.complaintsuite.sla.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.sla.alert.AlertResource.AlertView;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The board's live feed. Every replica LISTENs on PostgreSQL's channel {@code sla_board} (fed by
 * triggers, see V10__board.sql), so an alert raised or acknowledged by any replica reaches the
 * browsers of all of them at commit, without polling. An alert is read once here and broadcast to
 * every open stream; after the LISTEN connection was lost and re-established, a {@code changed}
 * message tells the pages to re-read the whole state (notifications in the gap are lost).
 */
@ApplicationScoped
public class BoardFeed {
  private static final Logger LOG = Logger.getLogger(BoardFeed.class);
  static final String CHANNEL = "sla_board";

  /** One message for the pages: the SSE event name and its JSON data. */
  public record Message(String event, String data) {}

  static final String ALERT =
      """
      select id, kind, complaint_id, number, timer_kind, priority, policy_version, level,
        recipient_role, recipient, department, deadline_at, due_at, raised_at, acknowledged_by,
        acknowledged_at, callback_id
      from sla_alert where id = $1
      """;

  private final BroadcastProcessor<Message> processor = BroadcastProcessor.create();
  private final Vertx vertx;
  private final Pool pool;
  private final ObjectMapper json;
  private final String url;
  private final Optional<String> user;
  private final Optional<String> password;
  private PgSubscriber subscriber;

  public BoardFeed(
      Vertx vertx,
      Pool pool,
      ObjectMapper json,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.vertx = vertx;
    this.pool = pool;
    this.json = json;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  void start(@Observes StartupEvent ignored) {
    PgConnectOptions options =
        PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url);
    user.ifPresent(options::setUser);
    password.ifPresent(options::setPassword);
    subscriber = PgSubscriber.subscriber(vertx, options);
    // Reconnect for ever, once a second: the board must outlive a database restart.
    subscriber.reconnectPolicy(retries -> 1000L);
    subscriber
        .channel(CHANNEL)
        .subscribeHandler(v -> publish("changed", "{\"table\":\"*\"}"))
        .handler(this::onNotification);
    subscriber
        .connect()
        .onFailure(e -> LOG.warnf("board feed: cannot LISTEN yet (%s), retrying", e.getMessage()));
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (subscriber != null) {
      subscriber.close();
    }
    processor.onComplete();
  }

  /** Every message from now on; a slow reader gets a bounded buffer, never blocks the others. */
  public Multi<Message> messages() {
    return processor.onOverflow().buffer(1024);
  }

  private void onNotification(String payload) {
    JsonNode note;
    try {
      note = json.readTree(payload);
    } catch (JsonProcessingException e) {
      LOG.warnf("board feed: unreadable notification %s", payload);
      return;
    }
    if (note.hasNonNull("alert")) {
      UUID id = UUID.fromString(note.get("alert").asText());
      String event =
          "acknowledged".equals(note.path("op").asText()) ? "alert-acknowledged" : "alert";
      pool.preparedQuery(ALERT)
          .execute(Tuple.of(id))
          .subscribe()
          .with(
              rows -> {
                for (Row r : rows) {
                  publish(event, write(alertView(r)));
                }
              },
              e -> LOG.warnf("board feed: cannot read alert %s: %s", id, e.getMessage()));
    } else {
      publish("changed", write(Map.of("table", note.path("changed").asText("*"))));
    }
  }

  private void publish(String event, String data) {
    processor.onNext(new Message(event, data));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static AlertView alertView(Row r) {
    return new AlertView(
        r.getUUID("id"),
        r.getString("kind"),
        r.getUUID("complaint_id"),
        r.getString("number"),
        r.getString("timer_kind"),
        r.getString("priority"),
        r.getInteger("policy_version"),
        r.getInteger("level"),
        r.getString("recipient_role"),
        r.getString("recipient"),
        r.getString("department"),
        r.getOffsetDateTime("deadline_at"),
        r.getOffsetDateTime("due_at"),
        r.getOffsetDateTime("raised_at"),
        r.getString("acknowledged_by"),
        r.getOffsetDateTime("acknowledged_at"),
        r.getUUID("callback_id"));
  }
}
