package io.complaintsuite.intake.complaint;

import io.complaintsuite.contracts.ComplaintReceived;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.Priority;
import io.complaintsuite.intake.idempotency.Claims;
import io.complaintsuite.intake.settings.IntakeSettings;
import io.complaintsuite.platform.ids.TimeOrderedIds;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.outbox.OutboxEvent;
import io.complaintsuite.platform.time.Timestamps;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Receives a channel's complaint exactly once. A POST claims its Idempotency-Key and its channel +
 * external id (see {@link Claims}) in the same statement that stores the complaint, its attachments
 * and its {@code complaint.received} event. The timeline has no entry of its own for the receipt:
 * the complaint's received time and channel are its first line (see the timeline resource).
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
      IntakeSettings settings) {
    this.pool = pool;
    this.outbox = outbox;
    this.claims = claims;
    this.numbers = numbers;
    this.clock = clock;
    this.metrics = metrics;
    this.numberPrefix = settings.numberPrefix();
    this.numberZone = settings.numberZone();
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
        .chain(sequence -> insert(id, sequence, request, client, keys, hash))
        .chain(
            outcome ->
                outcome != null
                    ? Uni.createFrom().item(outcome)
                    : claims.seenBefore(pool, keys, hash).replaceWith((Outcome) null))
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

  /**
   * One statement, one round trip, atomic without an explicit transaction: claims the request's
   * keys and, only if every key was new, stores the complaint, its attachments and its {@code
   * complaint.received} event. A key seen before (a retry, or a concurrent duplicate that waited on
   * the key's index entry until the first committed) makes it store nothing; when only some keys
   * were new, the claims' deferred foreign key to the complaint fails the statement, so no claim
   * ever outlives its request. Either way the answer is null and the caller asks what was seen
   * before.
   */
  private static final String INSERT =
      "with claimed as ("
          + " insert into idempotency_claim (claim, complaint_id, request_hash, created_at)"
          + " select unnest($1::text[]), $2::uuid, $3::text, $4::timestamptz"
          + " on conflict (claim) do nothing returning claim),"
          + " created as ("
          + " insert into complaint (id, number, channel, form, external_id, customer_id,"
          + " customer_name, customer_phone, customer_email, subject, description, problem_type,"
          + " priority, priority_given, status, expected_resolution_at, received_at, received_by,"
          + " updated_at, version)"
          + " select $2::uuid, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text,"
          + " $11::text, $12::text, $13::text, $14::text, $15::text, $16::text, $17::boolean,"
          + " $18::text, $19::timestamptz, $4::timestamptz, $20::text, $4::timestamptz, 0"
          + " where (select count(*) from claimed) = cardinality($1::text[])"
          + " returning id),"
          + " files as ("
          + " insert into attachment (complaint_id, position, name, media_type, size_bytes, url)"
          + " select created.id, a.position, a.name, a.media_type, a.size_bytes, a.url"
          + " from created, unnest($21::int[], $22::text[], $23::text[], $24::bigint[],"
          + " $25::text[]) as a (position, name, media_type, size_bytes, url)),"
          + " event as ("
          + Outbox.insertFrom("created", 26)
          + ")"
          + " select count(*) from created";

  private Uni<Outcome> insert(
      UUID id,
      long sequence,
      NewComplaint request,
      String client,
      List<Claims.Claim> keys,
      String hash) {
    Complaint c = complaint(id, sequence, request, client);
    List<Attachment> attachments = attachments(id, request);
    OutboxEvent event =
        outbox.event(EventType.COMPLAINT_RECEIVED, c.id.toString(), c.id.toString(), received(c));
    List<Object> values =
        new ArrayList<>(
            Arrays.asList(
                keys.stream().map(Claims.Claim::key).toArray(String[]::new),
                c.id,
                hash,
                c.receivedAt,
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
                c.receivedBy,
                attachments.stream().map(a -> a.position).toArray(Integer[]::new),
                attachments.stream().map(a -> a.name).toArray(String[]::new),
                attachments.stream().map(a -> a.mediaType).toArray(String[]::new),
                attachments.stream().map(a -> a.sizeBytes).toArray(Long[]::new),
                attachments.stream().map(a -> a.url).toArray(String[]::new)));
    values.addAll(Outbox.values(event));
    return pool.preparedQuery(INSERT)
        .execute(Tuple.from(values))
        .map(
            rows ->
                rows.iterator().next().getLong(0) == 1 ? new Outcome(c, attachments, true) : null)
        .onFailure(ComplaintIntake::partlyClaimed)
        .recoverWithNull();
  }

  private static boolean partlyClaimed(Throwable failure) {
    return failure instanceof PgException pg
        && "23503".equals(pg.getSqlState())
        && String.valueOf(pg.getConstraint()).startsWith("idempotency_claim");
  }

  private Complaint complaint(UUID id, long sequence, NewComplaint request, String client) {
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
    return c;
  }

  private static List<Attachment> attachments(UUID id, NewComplaint request) {
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
    return attachments;
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
