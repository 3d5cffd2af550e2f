package io.complaintsuite.intake.complaint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.ComplaintReceived;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.Priority;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Receives a channel's complaint exactly once. A POST claims its Idempotency-Key and its channel +
 * external id in the same transaction that stores the complaint and its {@code complaint.received}
 * event; a concurrent retry waits on the claim's row and then finds the committed complaint.
 */
@ApplicationScoped
public class ComplaintIntake {
  static final String UNCLASSIFIED = "unclassified";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  /** The complaint, and whether this request created it (201) or found it (200). */
  public record Outcome(Complaint complaint, boolean created) {}

  private final Outbox outbox;
  private final Pool pool;
  private final Clock clock;
  private final ObjectMapper json;
  private final String numberPrefix;
  private final ZoneId numberZone;

  public ComplaintIntake(
      Outbox outbox,
      Pool pool,
      Clock clock,
      ObjectMapper json,
      @ConfigProperty(name = "intake.number-prefix", defaultValue = "TS") String numberPrefix,
      @ConfigProperty(name = "intake.number-zone", defaultValue = "Asia/Shanghai")
          ZoneId numberZone) {
    this.outbox = outbox;
    this.pool = pool;
    this.clock = clock;
    this.json = json;
    this.numberPrefix = numberPrefix;
    this.numberZone = numberZone;
  }

  public Uni<Outcome> receive(NewComplaint request, String idempotencyKey, String client) {
    String hash = hash(request);
    UUID id = UUID.randomUUID();
    List<Claim> claims = new ArrayList<>(2);
    if (request.externalId() != null) {
      claims.add(new Claim("ext:" + request.channel().name() + ":" + request.externalId(), false));
    }
    if (idempotencyKey != null) {
      claims.add(new Claim("key:" + client + ":" + idempotencyKey, true));
    }
    // The number comes first, on its own pooled connection: nextval is not transactional, and
    // asking the pool for a second connection while the transaction holds one could starve it.
    return nextNumberSequence()
        .chain(
            sequence ->
                Panache.<Outcome>withTransaction(
                    () ->
                        claimAll(claims, 0, id, hash)
                            .chain(() -> create(id, sequence, request, client))
                            .map(c -> new Outcome(c, true))))
        .onFailure(AlreadyReceived.class)
        .recoverWithUni(
            e ->
                Panache.withSession(() -> Complaint.<Complaint>findById(((AlreadyReceived) e).id))
                    .map(existing -> new Outcome(existing, false)));
  }

  public Uni<Complaint> find(UUID id) {
    return Panache.withSession(() -> Complaint.<Complaint>findById(id));
  }

  private record Claim(String key, boolean mustMatchRequest) {}

  private Uni<Void> claimAll(List<Claim> claims, int index, UUID id, String hash) {
    if (index == claims.size()) {
      return Uni.createFrom().voidItem();
    }
    Claim claim = claims.get(index);
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into idempotency_claim (claim, complaint_id, request_hash, created_at)"
                            + " values (:claim, :id, :hash, :now) on conflict (claim) do nothing")
                    .setParameter("claim", claim.key())
                    .setParameter("id", id)
                    .setParameter("hash", hash)
                    .setParameter("now", OffsetDateTime.now(clock))
                    .executeUpdate())
        .chain(
            inserted -> {
              if (inserted == 1) {
                return claimAll(claims, index + 1, id, hash);
              }
              return IdempotencyClaim.<IdempotencyClaim>findById(claim.key())
                  .chain(
                      existing -> {
                        if (claim.mustMatchRequest() && !existing.requestHash.equals(hash)) {
                          return Uni.createFrom()
                              .failure(
                                  new ProblemException(
                                      422,
                                      "Idempotency-Key reused",
                                      "this Idempotency-Key was used for a different complaint; use a new"
                                          + " key for a new complaint",
                                      List.of(
                                          new io.complaintsuite.platform.problem.Problem.FieldError(
                                              "Idempotency-Key",
                                              "was used for a different request"))));
                        }
                        return Uni.createFrom().failure(new AlreadyReceived(existing.complaintId));
                      });
            });
  }

  private Uni<Long> nextNumberSequence() {
    return pool.query("select nextval('complaint_number_seq')")
        .execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private Uni<Complaint> create(UUID id, long sequence, NewComplaint request, String client) {
    OffsetDateTime now = Timestamps.now(clock);
    return Uni.createFrom()
        .voidItem()
        .chain(
            ignored -> {
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
              return c.<Complaint>persist()
                  .call(
                      () ->
                          outbox.append(
                              EventType.COMPLAINT_RECEIVED,
                              c.id.toString(),
                              c.id.toString(),
                              received(c)));
            });
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

  private String hash(NewComplaint request) {
    try {
      byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Unwinds the transaction (and its claims) when the complaint was received before. */
  static final class AlreadyReceived extends RuntimeException {
    final UUID id;

    AlreadyReceived(UUID id) {
      super(null, null, false, false);
      this.id = id;
    }
  }
}
