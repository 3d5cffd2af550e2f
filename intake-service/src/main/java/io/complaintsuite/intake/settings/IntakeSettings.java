package io.complaintsuite.intake.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Every operator setting of intake-service ({@code intake.*}); docs/operations.md lists them. Each
 * default is here and only here (application.properties sets only the {@code %test} profile's rate
 * limit).
 */
@ConfigMapping(prefix = "intake")
public interface IntakeSettings {
  /** Prefix of the human-readable complaint number, e.g. {@code TS20261123-000123}. */
  @WithDefault("TS")
  String numberPrefix();

  /** Time zone of the number's date. */
  @WithDefault("Asia/Shanghai")
  ZoneId numberZone();

  RateLimit rateLimit();

  RepeatComplainer repeatComplainer();

  Delivery delivery();

  Mail mail();

  /** Requests per channel client (token subject with role channel), per replica. */
  interface RateLimit {
    /** Off in {@code %test} (tests flood on purpose) except in ChannelRateLimitTest. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("200")
    long perSecond();

    /** Requests a client may send at once before the per-second rate applies. */
    @WithDefault("400")
    long burst();
  }

  /** A customer with {@code threshold} complaints within {@code window} is flagged. */
  interface RepeatComplainer {
    @WithDefault("3")
    int threshold();

    @WithDefault("P30D")
    Duration window();
  }

  /** What the suite delivers to customers through the channel connections (issue 20). */
  interface Delivery {
    /**
     * How often the dispatcher looks for due deliveries (besides right after planning), e.g. {@code
     * PT1S}.
     */
    @WithDefault("PT1S")
    Duration interval();

    /** Deliveries claimed per dispatcher pass. */
    @WithDefault("200")
    int batchSize();

    /** Bound on one webhook request, connection included. */
    @WithDefault("PT10S")
    Duration timeout();

    /** First retry after a failure; each later one waits twice as long (with jitter). */
    @WithDefault("PT10S")
    Duration firstRetry();

    /** Longest wait between two attempts. */
    @WithDefault("PT1H")
    Duration maxRetryInterval();

    /** After this long undelivered a delivery is dead (visible, redeliverable by an admin). */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** Consecutive failures that open an endpoint's circuit. */
    @WithDefault("5")
    int circuitFailures();

    /** How long an open circuit keeps the endpoint from being called. */
    @WithDefault("PT1M")
    Duration circuitOpenFor();

    /** The receipt waits this long so that routing's priority (and promise) is in it. */
    @WithDefault("PT2S")
    Duration receiptHold();

    /** How long a rotated-out signing secret still signs (receivers switch within it). */
    @WithDefault("PT24H")
    Duration previousSecretValidFor();

    /**
     * Base64 of a 32-byte AES key sealing the signing secrets at rest. Required in production (the
     * dev/test value is in application.properties).
     */
    String secretKey();

    /**
     * Allow loopback, link-local and private targets, and plain http (application.properties: on
     * locally and in tests, off in prod).
     */
    boolean allowPrivateTargets();

    /**
     * Host names, comma-separated, allowed even when they resolve to private addresses (e.g. an
     * in-cluster gateway).
     */
    Optional<String> allowedHosts();

    /** Unsolicited messages (survey invitations, incident notices) wait out these hours. */
    QuietHours quietHours();

    /** What the receipt promises, per priority grade (keep in line with sla-service's policy). */
    Promise promise();
  }

  interface Promise {
    @WithDefault("PT15M")
    Duration urgent();

    @WithDefault("PT24H")
    Duration general();

    @WithDefault("PT48H")
    Duration low();
  }

  interface QuietHours {
    @WithDefault("22:00")
    LocalTime start();

    @WithDefault("08:00")
    LocalTime end();

    @WithDefault("Asia/Shanghai")
    ZoneId zone();
  }

  /** E-mail to customers over SMTP (the server itself: quarkus.mailer.*). */
  interface Mail {
    /** The From address of every mail. */
    @WithDefault("客服中心 <service@complaints.example.cn>")
    String from();

    /** Domain of the Message-IDs the suite generates. */
    @WithDefault("complaints.example.cn")
    String messageIdDomain();
  }
}
