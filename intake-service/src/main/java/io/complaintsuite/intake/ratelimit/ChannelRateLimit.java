package io.complaintsuite.intake.ratelimit;

import io.complaintsuite.intake.settings.IntakeSettings;
import io.complaintsuite.platform.problem.Problem;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Each channel client (the token's subject with role {@code channel}) gets a token bucket: a
 * runaway integration, say an e-mail gateway looping on one mailbox, is answered 429 with {@code
 * Retry-After} instead of crowding out every other channel. Agents and supervisors are not limited
 * here. The buckets live in this replica: with N replicas a client may send up to N times the rate
 * (a gateway in front of the suite can limit globally).
 */
@ApplicationScoped
public class ChannelRateLimit {
  private final SecurityIdentity identity;
  private final boolean enabled;
  private final Bandwidth limit;
  private final TimeMeter time;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public ChannelRateLimit(Clock clock, SecurityIdentity identity, IntakeSettings settings) {
    IntakeSettings.RateLimit rate = settings.rateLimit();
    long burst = rate.burst();
    this.identity = identity;
    this.enabled = rate.enabled();
    this.limit =
        Bandwidth.builder()
            .capacity(burst)
            .refillGreedy(rate.perSecond(), Duration.ofSeconds(1))
            .initialTokens(burst)
            .build();
    // Buckets read the suite's clock, so tests move time instead of waiting for a refill.
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return TimeUnit.MILLISECONDS.toNanos(clock.millis());
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
  }

  @ServerRequestFilter
  public Response limit() {
    if (!enabled || identity.isAnonymous() || !identity.hasRole("channel")) {
      return null;
    }
    String client = identity.getPrincipal().getName();
    ConsumptionProbe probe =
        buckets
            .computeIfAbsent(
                client, c -> Bucket.builder().addLimit(limit).withCustomTimePrecision(time).build())
            .tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return null;
    }
    long retryAfter =
        Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
    return Response.status(429)
        .type(Problem.MEDIA_TYPE)
        .header("Retry-After", Long.toString(retryAfter))
        .entity(
            Problem.of(
                429,
                "Too many requests",
                "channel client '"
                    + client
                    + "' sent more than its limit; send again after "
                    + retryAfter
                    + " s"))
        .build();
  }
}
