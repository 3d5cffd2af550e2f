package io.complaintsuite.intake.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.intake.channel.ChannelEndpoints;
import io.complaintsuite.intake.channel.ConnectionHealthReports;
import io.complaintsuite.intake.channel.Endpoint;
import io.complaintsuite.intake.channel.MessageKind;
import io.complaintsuite.intake.channel.TargetPolicy;
import io.complaintsuite.intake.mail.MailSender;
import io.complaintsuite.intake.settings.IntakeSettings;
import io.complaintsuite.platform.time.Timestamps;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries. A pass claims, in one short statement, the first pending delivery of every
 * order key (so a complaint's messages reach each route in order) whose route is enabled and whose
 * circuit is closed, then sends each on its own: a slow receiver holds only its own claims. A claim
 * lapses after the request timeout, so a replica that dies mid-send leaves nothing stuck (the retry
 * carries the same webhook-id). Runs every {@code intake.delivery.interval} and when a consumer has
 * just planned deliveries.
 */
@ApplicationScoped
public class Dispatcher {
  private static final Logger LOG = Logger.getLogger(Dispatcher.class);
  static final String SMTP = "smtp";

  private static final String CLAIM =
      "with due as (select d.id from delivery d where d.status = 'pending' and d.next_attempt_at"
          + " <= $1 and (d.claimed_until is null or d.claimed_until <= $1) and not exists (select 1"
          + " from delivery e where e.order_key = d.order_key and e.status = 'pending' and e.seq <"
          + " d.seq) and (d.endpoint_id is null or d.endpoint_id in (select c.id from"
          + " channel_endpoint c where c.enabled and c.deleted_at is null)) and not"
          + " (coalesce(d.endpoint_id::text, 'smtp:' || lower(split_part(d.address, '@', 2))) = any($3))"
          + " order by d.seq limit $2 for update"
          + " of d skip locked) update delivery d set claimed_until = $4, attempts = d.attempts + 1"
          + " from due where d.id = due.id returning d.id, d.seq, d.transport, d.endpoint_id,"
          + " d.address, d.complaint_id, d.kind, d.facts, d.body, d.subject, d.message_id,"
          + " d.attempts, d.retry_from";

  private final Pool pool;
  private final Clock clock;
  private final IntakeSettings settings;
  private final ChannelEndpoints endpoints;
  private final TargetPolicy targets;
  private final Messages messages;
  private final WebhookSender webhooks;
  private final MailSender mail;
  private final Circuits circuits;
  private final ObjectMapper json;
  private final MeterRegistry metrics;
  private final Backoff backoff;
  private final ConnectionHealthReports health;
  private final AtomicBoolean claiming = new AtomicBoolean();
  private final Vertx vertx;
  private final AtomicBoolean again = new AtomicBoolean();

  public Dispatcher(
      Pool pool,
      Clock clock,
      IntakeSettings settings,
      ChannelEndpoints endpoints,
      TargetPolicy targets,
      Messages messages,
      WebhookSender webhooks,
      MailSender mail,
      Circuits circuits,
      ObjectMapper json,
      MeterRegistry metrics,
      ConnectionHealthReports health,
      Vertx vertx) {
    this.vertx = vertx;
    this.health = health;
    this.pool = pool;
    this.clock = clock;
    this.settings = settings;
    this.endpoints = endpoints;
    this.targets = targets;
    this.messages = messages;
    this.webhooks = webhooks;
    this.mail = mail;
    this.circuits = circuits;
    this.json = json;
    this.metrics = metrics;
    this.backoff =
        new Backoff(settings.delivery().firstRetry(), settings.delivery().maxRetryInterval());
    metrics.gauge("delivery.circuits.open", circuits, c -> c.openCount(clock.instant()));
  }

  /** One claimed delivery. */
  record Claimed(
      UUID id,
      long seq,
      String transport,
      UUID endpointId,
      String address,
      UUID complaintId,
      MessageKind kind,
      String facts,
      String body,
      String subject,
      String messageId,
      int attempts,
      OffsetDateTime retryFrom) {
    static Claimed from(Row r) {
      return new Claimed(
          r.getUUID("id"),
          r.getLong("seq"),
          r.getString("transport"),
          r.getUUID("endpoint_id"),
          r.getString("address"),
          r.getUUID("complaint_id"),
          MessageKind.fromJson(r.getString("kind")),
          r.getString("facts"),
          r.getString("body"),
          r.getString("subject"),
          r.getString("message_id"),
          r.getInteger("attempts"),
          r.getOffsetDateTime("retry_from"));
    }

    String route() {
      // Mail has a circuit per recipient domain: one domain refusing mail holds up no other.
      return endpointId == null
          ? SMTP + ":" + address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT)
          : endpointId.toString();
    }
  }

  /**
   * A Vert.x timer rather than the scheduler, which does not go below one second (tests pass every
   * 200 ms; moved time is noticed at once).
   */
  void start(@Observes StartupEvent started) {
    long every = Math.max(50, settings.delivery().interval().toMillis());
    vertx.setPeriodic(every, id -> ownContext().execute(this::kick));
  }

  /**
   * A fresh duplicated Vert.x context to run one delivery on: the outbox and the SQL client need
   * one (a timer's or the HTTP client's thread has none), and each attempt gets its own.
   */
  private Executor ownContext() {
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    return task -> context.runOnContext(v -> task.run());
  }

  /** Deliveries were just planned: send them now rather than at the next tick. */
  public void kick() {
    pass().subscribe().with(v -> {}, e -> LOG.warnf("delivery pass failed: %s", e.getMessage()));
  }

  /** Claims what is due and starts sending it; completes once claimed, not once sent. */
  Uni<Void> pass() {
    if (!claiming.compareAndSet(false, true)) {
      again.set(true);
      return Uni.createFrom().voidItem();
    }
    OffsetDateTime now = Timestamps.now(clock);
    String[] open = circuits.openAt(now.toInstant()).toArray(String[]::new);
    OffsetDateTime claimUntil = now.plus(settings.delivery().timeout()).plusSeconds(30);
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.of(now, settings.delivery().batchSize(), open, claimUntil))
        .map(
            rows -> {
              List<Claimed> claimed = new ArrayList<>();
              rows.forEach(r -> claimed.add(Claimed.from(r)));
              return claimed;
            })
        .chain(this::start)
        .eventually(
            () -> {
              claiming.set(false);
              if (again.getAndSet(false)) {
                kick();
              }
            });
  }

  private Uni<Void> start(List<Claimed> claimed) {
    if (claimed.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Set<UUID> ids =
        claimed.stream()
            .map(Claimed::endpointId)
            .filter(java.util.Objects::nonNull)
            .collect(Collectors.toCollection(HashSet::new));
    Uni<Map<UUID, Endpoint>> byId =
        ids.isEmpty()
            ? Uni.createFrom().item(Map.of())
            : endpoints
                .byIds(ids)
                .map(
                    list ->
                        list.stream().collect(Collectors.toMap(Endpoint::id, Function.identity())));
    return byId.invoke(
            map -> {
              for (Claimed c : claimed) {
                Executor context = ownContext();
                Uni.createFrom()
                    .voidItem()
                    .emitOn(context)
                    .chain(
                        () ->
                            attempt(
                                c,
                                c.endpointId() == null ? null : map.get(c.endpointId()),
                                context))
                    .subscribe()
                    .with(
                        v -> {},
                        e -> LOG.errorf(e, "delivery %s: recording the attempt failed", c.id()));
              }
            })
        .replaceWithVoid();
  }

  private Uni<Void> attempt(Claimed c, Endpoint endpoint, Executor context) {
    if (c.endpointId() != null && endpoint == null) {
      return fail(c, null, 0, "connection no longer exists", 0, false);
    }
    return Uni.createFrom()
        .item(() -> read(c.facts()))
        .chain(facts -> prepared(c, endpoint, facts).map(ready -> Map.entry(facts, ready)))
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf(e, "delivery %s: the message could not be prepared", c.id());
              return null;
            })
        .chain(
            prepared ->
                prepared == null
                    ? fail(c, endpoint, 0, "the message could not be prepared", 0, false)
                    : endpoint == null
                        ? sendMail(c, prepared.getValue(), prepared.getKey(), context)
                        : sendWebhook(c, endpoint, prepared.getValue().body(), context));
  }

  /** The body as it will be sent: rendered at the first attempt and stored, reused on retries. */
  private record Ready(String subject, String body, String messageId) {}

  private Uni<Ready> prepared(Claimed c, Endpoint endpoint, MessageFacts facts) {
    if (c.body() != null) {
      return Uni.createFrom().item(new Ready(c.subject(), c.body(), c.messageId()));
    }
    String locale =
        Messages.locale(
            facts.locale() != null
                ? facts.locale()
                : endpoint != null ? endpoint.locale() : "zh-CN");
    Uni<String> priority =
        c.kind() == MessageKind.RECEIPT && c.complaintId() != null
            ? pool.preparedQuery("select priority from complaint where id = $1")
                .execute(Tuple.of(c.complaintId()))
                .map(
                    rows ->
                        rows.rowCount() == 0
                            ? null
                            : rows.iterator().next().getString(0).toLowerCase(Locale.ROOT))
            : Uni.createFrom().nullItem();
    return priority
        .chain(p -> messages.render(c.kind(), locale, facts, p))
        .map(
            rendered -> {
              if (endpoint == null) {
                return new Ready(
                    rendered.subject(), rendered.body(), mail.messageId(c.id().toString()));
              }
              WebhookPayload payload =
                  new WebhookPayload(
                      WebhookPayload.type(c.kind().json()),
                      Timestamps.now(clock),
                      new WebhookPayload.Data(
                          c.id(),
                          c.kind().json(),
                          c.seq(),
                          facts.complaintId(),
                          facts.number(),
                          facts.externalId(),
                          facts.channel(),
                          new WebhookPayload.Customer(
                              facts.customerId(), facts.customerName(), facts.phone()),
                          locale,
                          rendered.subject(),
                          rendered.body(),
                          facts.link(),
                          facts.expiresAt(),
                          facts.occurredAt()));
              return new Ready(rendered.subject(), write(payload), null);
            })
        .call(
            ready ->
                pool.preparedQuery(
                        "update delivery set body = $2, subject = $3, message_id = $4 where id ="
                            + " $1 and body is null")
                    .execute(Tuple.of(c.id(), ready.body(), ready.subject(), ready.messageId())));
  }

  private Uni<Void> sendWebhook(Claimed c, Endpoint endpoint, String body, Executor context) {
    String refusal = targets.refusal(endpoint.url());
    if (refusal != null) {
      return fail(c, endpoint, 0, "target refused: " + refusal, 0, false);
    }
    OffsetDateTime now = Timestamps.now(clock);
    List<byte[]> keys = endpoint.sealedKeysAt(now).stream().map(endpoints::key).toList();
    return webhooks
        .send(endpoint.url(), c.id().toString(), now.toEpochSecond(), body, keys)
        .emitOn(context) // back from the HTTP client's thread
        .chain(
            attempt ->
                attempt.delivered()
                    ? delivered(c, endpoint, attempt.status(), attempt.latencyMs())
                    : fail(
                        c,
                        endpoint,
                        attempt.status(),
                        attempt.error(),
                        attempt.latencyMs(),
                        attempt.status() == 410));
  }

  private Uni<Void> sendMail(Claimed c, Ready ready, MessageFacts facts, Executor context) {
    long started = System.nanoTime();
    return pool.preparedQuery(
            "select message_id from delivery where complaint_id = $1 and transport = 'email' and"
                + " address = $2 and message_id is not null order by seq limit 1")
        .execute(Tuple.of(c.complaintId(), c.address()))
        .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString(0))
        .chain(
            root ->
                mail.send(
                    c.address(),
                    ready.subject(),
                    ready.body(),
                    facts.link(),
                    Messages.locale(facts.locale()),
                    ready.messageId(),
                    root))
        .emitOn(context)
        .chain(() -> delivered(c, null, 250, (System.nanoTime() - started) / 1_000_000))
        .onFailure()
        .recoverWithUni(
            e ->
                fail(
                    c,
                    null,
                    0,
                    "SMTP: " + e.getMessage(),
                    (System.nanoTime() - started) / 1_000_000,
                    false));
  }

  private Uni<Void> delivered(Claimed c, Endpoint endpoint, int status, long latencyMs) {
    circuits.success(c.route());
    Uni<Void> recovered =
        endpoint != null && !ConnectionHealthReports.HEALTHY.equals(endpoint.health())
            ? health.report(endpoint.id(), ConnectionHealthReports.HEALTHY, null, false)
            : Uni.createFrom().voidItem();
    metrics
        .counter("delivery.sent", "endpoint", name(endpoint), "kind", c.kind().json())
        .increment();
    return pool.preparedQuery(
            "update delivery set status = 'delivered', delivered_at = $2, last_status = $3,"
                + " last_error = null, last_latency_ms = $4, claimed_until = null where id = $1 and"
                + " status = 'pending'")
        .execute(Tuple.of(c.id(), Timestamps.now(clock), status, (int) latencyMs))
        .chain(() -> recovered);
  }

  private Uni<Void> fail(
      Claimed c, Endpoint endpoint, int status, String error, long latencyMs, boolean gone) {
    OffsetDateTime now = Timestamps.now(clock);
    metrics
        .counter("delivery.failed", "endpoint", name(endpoint), "kind", c.kind().json())
        .increment();
    String trimmed = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
    if (gone) {
      // 410: the receiver asks to be left alone. The delivery waits for an admin to enable it.
      return endpoints
          .disableGone(c.endpointId(), "receiver answered 410 Gone at " + now)
          .chain(() -> record(c, "pending", now, null, status, trimmed, latencyMs));
    }
    boolean open =
        circuits.failure(
            c.route(),
            now.toInstant(),
            settings.delivery().circuitFailures(),
            settings.delivery().circuitOpenFor());
    boolean dead = !now.isBefore(c.retryFrom().plus(settings.delivery().giveUpAfter()));
    if (dead) {
      metrics
          .counter("delivery.dead", "endpoint", name(endpoint), "kind", c.kind().json())
          .increment();
      LOG.warnf(
          "delivery %s to %s is dead after %d attempts: %s",
          c.id(), name(endpoint), c.attempts(), trimmed);
      return record(c, "dead", now, now, status, trimmed, latencyMs)
          .chain(
              () ->
                  endpoint == null
                      ? Uni.createFrom().voidItem()
                      : health.report(
                          endpoint.id(), ConnectionHealthReports.FAILING, trimmed, true));
    }
    OffsetDateTime next =
        now.plus(backoff.after(c.attempts(), () -> ThreadLocalRandom.current().nextDouble()));
    if (endpoint != null && endpoint.quietHours() && c.kind().unsolicited()) {
      next = QuietHours.endOf(next, settings.delivery().quietHours());
    }
    return record(c, "pending", next, null, status, trimmed, latencyMs)
        .chain(
            () ->
                open && endpoint != null
                    ? health.report(endpoint.id(), ConnectionHealthReports.FAILING, trimmed, false)
                    : Uni.createFrom().voidItem());
  }

  private Uni<Void> record(
      Claimed c,
      String status,
      OffsetDateTime next,
      OffsetDateTime deadAt,
      int lastStatus,
      String error,
      long latencyMs) {
    return pool.preparedQuery(
            "update delivery set status = $2, next_attempt_at = $3, dead_at = $4, last_status ="
                + " $5, last_error = $6, last_latency_ms = $7, claimed_until = null where id = $1"
                + " and status = 'pending'")
        .execute(
            Tuple.from(
                new Object[] {
                  c.id(),
                  status,
                  next,
                  deadAt,
                  lastStatus == 0 ? null : lastStatus,
                  error,
                  (int) latencyMs
                }))
        .replaceWithVoid();
  }

  private static String name(Endpoint endpoint) {
    return endpoint == null ? SMTP : endpoint.name();
  }

  private MessageFacts read(String text) {
    try {
      return json.readValue(text, MessageFacts.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable delivery facts", e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
