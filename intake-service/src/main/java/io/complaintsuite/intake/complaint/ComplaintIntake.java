package io.complaintsuite.intake.complaint;

import io.complaintsuite.contracts.ComplaintReceived;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.Priority;
import io.complaintsuite.intake.idempotency.Claims;
import io.complaintsuite.platform.ids.TimeOrderedIds;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Receives a channel's complaint exactly once. A POST claims its Idempotency-Key and its channel +
 * external id (see {@link Claims}) in the same transaction that stores the complaint, its first
 * timeline entry and its {@code complaint.received} event.
 */
@ApplicationScoped
public class ComplaintIntake {
  static final String UNCLASSIFIED = "unclassified";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  /** The complaint, and whether this request created it (201) or found it (200). */
  public record Outcome(Complaint complaint, List<Attachment> attachments, boolean created) {}

  private final Pool pool;
  private final Outbox outbox;
  private final Claims claims;
  private final ComplaintNumbers numbers;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final String numberPrefix;
  private final ZoneId numberZone;

  public ComplaintIntake(
      Pool pool,
      Outbox outbox,
      Claims claims,
      ComplaintNumbers numbers,
      Clock clock,
      MeterRegistry metrics,
      @ConfigProperty(name = "intake.number-prefix", defaultValue = "TS") String numberPrefix,
      @ConfigProperty(name = "intake.number-zone", defaultValue = "Asia/Shanghai")
          ZoneId numberZone) {
    this.pool = pool;
    this.outbox = outbox;
    this.claims = claims;
    this.numbers = numbers;
    this.clock = clock;
    this.metrics = metrics;
    this.numberPrefix = numberPrefix;
    this.numberZone = numberZone;
  }

  public Uni<Outcome> receive(NewComplaint request, String idempotencyKey, String client) {
    String hash = claims.fingerprint(request);
    UUID id = TimeOrderedIds.next();
    List<Claims.Claim> keys = new ArrayList<>(2);
    if (request.externalId() != null) {
      keys.add(
          new Claims.Claim(
              "ext:" + request.channel().name() + ":" + request.externalId(), false, "externalId"));
    }
    if (idempotencyKey != null) {
      keys.add(new Claims.Claim("key:" + client + ":" + idempotencyKey, true, "Idempotency-Key"));
    }
    return numbers
        .next()
        .chain(
            sequence ->
                // Plain SQL on the reactive pool: the busiest write path needs no entity state.
                pool.withTransaction(
                    conn ->
                        claims
                            .claimAll(conn, keys, id, null, hash)
                            .chain(() -> create(conn, id, sequence, request, client))))
        .invoke(
            outcome ->
                metrics
                    .counter("complaints.received", "channel", request.channel().json())
                    .increment())
        .onFailure(Claims.AlreadyDone.class)
        .recoverWithUni(
            e ->
                Panache.withSession(() -> load(((Claims.AlreadyDone) e).complaintId))
                    .map(found -> new Outcome(found.complaint(), found.attachments(), false)));
  }

  /** The complaint and its attachments, or null. Call inside a session. */
  public static Uni<Outcome> load(UUID id) {
    return Complaint.<Complaint>findById(id)
        .chain(
            c ->
                c == null
                    ? Uni.createFrom().nullItem()
                    : Attachment.<Attachment>list("complaintId = ?1 order by position", id)
                        .map(a -> new Outcome(c, a, false)));
  }

  private Uni<Outcome> create(
      SqlConnection conn, UUID id, long sequence, NewComplaint request, String client) {
    OffsetDateTime now = Timestamps.now(clock);
    Complaint c = new Complaint();
    c.id = id;
    c.number =
        numberPrefix
            + DAY.format(now.atZoneSameInstant(numberZone))
            + "-"
            + String.format("%06d", sequence);
    c.channel = request.channel();
    c.form = request.channel().form();
    c.externalId = request.externalId();
    c.customerId = request.customer().id();
    c.customerName = request.customer().name();
    c.customerPhone = request.customer().phone();
    c.customerEmail = request.customer().email();
    c.subject = request.subject();
    c.description = request.description();
    c.problemType = request.problemType() != null ? request.problemType() : UNCLASSIFIED;
    c.priorityGiven = request.urgency() != null;
    c.priority = request.urgency() != null ? request.urgency() : Priority.GENERAL;
    c.status = ComplaintStatus.RECEIVED;
    c.expectedResolutionAt = request.expectedResolutionAt();
    c.receivedAt = now;
    c.updatedAt = now;
    c.receivedBy = client;
    List<Attachment> attachments = new ArrayList<>();
    if (request.attachments() != null) {
      for (int i = 0; i < request.attachments().size(); i++) {
        NewComplaint.AttachmentRef ref = request.attachments().get(i);
        Attachment a = new Attachment();
        a.complaintId = id;
        a.position = i;
        a.name = ref.name();
        a.mediaType = ref.type();
        a.sizeBytes = ref.size();
        a.url = ref.url();
        attachments.add(a);
      }
    }
    Uni<Void> persisted =
        conn.preparedQuery(
                "insert into complaint (id, number, channel, form, external_id, customer_id,"
                    + " customer_name, customer_phone, customer_email, subject, description,"
                    + " problem_type, priority, priority_given, status, expected_resolution_at,"
                    + " received_at, received_by, updated_at, version) values ($1, $2, $3, $4, $5,"
                    + " $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 0)")
            .execute(
                Tuple.from(
                    new Object[] {
                      c.id,
                      c.number,
                      c.channel.name(),
                      c.form.name(),
                      c.externalId,
                      c.customerId,
                      c.customerName,
                      c.customerPhone,
                      c.customerEmail,
                      c.subject,
                      c.description,
                      c.problemType,
                      c.priority.name(),
                      c.priorityGiven,
                      c.status.name(),
                      c.expectedResolutionAt,
                      c.receivedAt,
                      c.receivedBy,
                      c.updatedAt
                    }))
            .replaceWithVoid();
    if (!attachments.isEmpty()) {
      List<Tuple> rows = new ArrayList<>(attachments.size());
      for (Attachment a : attachments) {
        rows.add(Tuple.of(a.complaintId, a.position, a.name, a.mediaType, a.sizeBytes, a.url));
      }
      persisted =
          persisted.chain(
              () ->
                  conn.preparedQuery(
                          "insert into attachment (complaint_id, position, name, media_type,"
                              + " size_bytes, url) values ($1, $2, $3, $4, $5, $6)")
                      .executeBatch(rows)
                      .replaceWithVoid());
    }
    // No timeline row for the receipt: the timeline derives it from the complaint itself.
    return persisted
        .chain(
            () ->
                outbox.append(
                    conn,
                    EventType.COMPLAINT_RECEIVED,
                    c.id.toString(),
                    c.id.toString(),
                    received(c)))
        .map(ignored -> new Outcome(c, attachments, true));
  }

  static ComplaintReceived received(Complaint c) {
    return new ComplaintReceived(
        c.id,
        c.number,
        c.channel,
        c.form,
        c.externalId,
        new ComplaintReceived.Customer(c.customerId, c.customerName),
        c.subject,
        c.description,
        c.problemType,
        c.priority,
        c.priorityGiven,
        c.expectedResolutionAt,
        c.receivedAt);
  }
}
