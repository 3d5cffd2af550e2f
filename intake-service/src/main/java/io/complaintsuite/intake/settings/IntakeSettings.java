package io.complaintsuite.intake.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

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
}
