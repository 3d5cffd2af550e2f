package io.complaintsuite.intake.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.platform.problem.Problem;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Makes a POST idempotent. Inside the request's transaction it claims each key the request can be
 * recognised by ({@code insert ... on conflict do nothing}); a concurrent retry blocks on the
 * claim's row until the first transaction ends and then finds what it created. A claim whose key
 * was seen fails the transaction with {@link AlreadyDone}, so nothing of the retry is written.
 */
@ApplicationScoped
public class Claims {
  /**
   * A key the request claims. {@code mustMatchRequest}: the same key with another body is a client
   * error (Idempotency-Key); otherwise the earlier result simply wins (channel + external id).
   */
  public record Claim(String key, boolean mustMatchRequest, String field) {}

  /** The request was done before: the complaint (and, for follow-ups, the message) it made. */
  public static final class AlreadyDone extends RuntimeException {
    public final UUID complaintId;
    public final UUID resultId;

    AlreadyDone(UUID complaintId, UUID resultId) {
      super(null, null, false, false);
      this.complaintId = complaintId;
      this.resultId = resultId;
    }
  }

  static final int MAX_KEY_LENGTH = 200;

  private final Clock clock;
  private final ObjectMapper json;

  public Claims(Clock clock, ObjectMapper json) {
    this.clock = clock;
    this.json = json;
  }

  /** The Idempotency-Key header as given, or a 400 naming it when it is not a usable key. */
  public static String checkedKey(String key) {
    if (key != null
        && (key.isBlank()
            || key.length() > MAX_KEY_LENGTH
            || !key.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f))) {
      throw ProblemException.badField(
          "Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
    }
    return key;
  }

  /** A fingerprint of the request body, to tell a retry from a different request. */
  public String fingerprint(Object request) {
    try {
      byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims every key for ({@code complaintId}, {@code resultId}), in order; see the class. */
  public Uni<Void> claimAll(List<Claim> claims, UUID complaintId, UUID resultId, String hash) {
    return claim(claims, 0, complaintId, resultId, hash);
  }

  /**
   * For a request whose claims were not all new (a one-statement insert that claims its keys
   * itself, see ComplaintIntake): fails with what the first key seen before means, {@link
   * AlreadyDone} or 422.
   */
  public Uni<Void> seenBefore(Pool pool, List<Claim> claims, String hash) {
    String[] keys = claims.stream().map(Claim::key).toArray(String[]::new);
    return pool.preparedQuery(
            "select claim, complaint_id, result_id, request_hash from idempotency_claim"
                + " where claim = any($1)")
        .execute(Tuple.of(keys))
        .chain(
            rows -> {
              for (Claim claim : claims) {
                for (Row row : rows) {
                  if (row.getString("claim").equals(claim.key())) {
                    return Uni.createFrom()
                        .failure(
                            conflict(
                                claim,
                                hash,
                                row.getUUID("complaint_id"),
                                row.getUUID("result_id"),
                                row.getString("request_hash")));
                  }
                }
              }
              // The other request rolled back after this one's statement saw its claim.
              return Uni.createFrom()
                  .failure(
                      new ProblemException(
                          409,
                          "Concurrent request",
                          "a concurrent request with the same key did not complete; send it again"));
            });
  }

  private Uni<Void> claim(
      List<Claim> claims, int index, UUID complaintId, UUID resultId, String hash) {
    if (index == claims.size()) {
      return Uni.createFrom().voidItem();
    }
    Claim claim = claims.get(index);
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into idempotency_claim"
                            + " (claim, complaint_id, result_id, request_hash, created_at)"
                            + " values (:claim, :complaint, :result, :hash, :now)"
                            + " on conflict (claim) do nothing")
                    .setParameter("claim", claim.key())
                    .setParameter("complaint", complaintId)
                    .setParameter("result", resultId)
                    .setParameter("hash", hash)
                    .setParameter("now", Timestamps.now(clock))
                    .executeUpdate())
        .chain(
            inserted -> {
              if (inserted == 1) {
                return claim(claims, index + 1, complaintId, resultId, hash);
              }
              return IdempotencyClaim.<IdempotencyClaim>findById(claim.key())
                  .chain(
                      existing ->
                          Uni.createFrom()
                              .failure(
                                  conflict(
                                      claim,
                                      hash,
                                      existing.complaintId,
                                      existing.resultId,
                                      existing.requestHash)));
            });
  }

  /** What a claim seen before means: the earlier result, or 422 for a reused key. */
  private static RuntimeException conflict(
      Claim claim, String hash, UUID complaintId, UUID resultId, String existingHash) {
    if (claim.mustMatchRequest() && !existingHash.equals(hash)) {
      return new ProblemException(
          422,
          "Idempotency-Key reused",
          "this "
              + claim.field()
              + " was used for a different request; use a new key for a new request",
          List.of(new Problem.FieldError(claim.field(), "was used for a different request")));
    }
    return new AlreadyDone(complaintId, resultId);
  }
}
