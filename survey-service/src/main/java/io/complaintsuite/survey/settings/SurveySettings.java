package io.complaintsuite.survey.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Every operator setting of the surveys ({@code survey.*}); docs/operations.md lists them. Each
 * default is in one place: here, except the sender's interval (read by {@code @Scheduled} as {@code
 * ${key}}), the page's base URL and the token keys (environment variables, a value per profile) and
 * the texts (Chinese, next to their comments), which are set in application.properties and only
 * there.
 */
@ConfigMapping(prefix = "survey")
public interface SurveySettings {
  /** From the resolution to the survey, before quiet hours move it. */
  @WithDefault("PT30M")
  Duration delay();

  QuietHours quietHours();

  /** The customers' time zone (the suite's customers are in mainland China). */
  @WithDefault("Asia/Shanghai")
  ZoneId zone();

  /** A survey still unsent this long after the resolution is skipped (too late to ask). */
  @WithDefault("PT24H")
  Duration sendWindow();

  /** At most one survey per customer within this window (survey fatigue). */
  @WithDefault("P7D")
  Duration fatigueWindow();

  Sender sender();

  Page page();

  Token token();

  Comment comment();

  Invitation invitation();

  Callback callback();

  Incident incident();

  interface QuietHours {
    @WithDefault("21:00")
    LocalTime start();

    @WithDefault("09:00")
    LocalTime end();
  }

  interface Sender {
    /** How often the sender claims due surveys ({@code off}: not on this replica). */
    String interval();

    @WithDefault("200")
    int batchSize();
  }

  interface Page {
    /** Base URL of the customer's page, e.g. https://survey.example.cn (no trailing /s). */
    String baseUrl();
  }

  interface Token {
    @WithDefault("P7D")
    Duration ttl();

    /** {@code kid:base64secret}; the first signs, every one verifies. */
    List<String> keys();
  }

  interface Comment {
    @WithDefault("500")
    int maxLength();
  }

  interface Invitation {
    String subject();

    /** Placeholders: {name} {number} {link} {days}. */
    String template();
  }

  interface Callback {
    @WithDefault("2")
    int poorRatingMax();

    @WithDefault("6")
    int poorNpsMax();

    @WithDefault("true")
    boolean onUrgent();

    @WithDefault("PT24H")
    Duration dueWithin();
  }

  interface Incident {
    String subject();
  }
}
