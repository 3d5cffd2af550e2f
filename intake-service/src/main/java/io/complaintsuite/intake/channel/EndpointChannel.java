package io.complaintsuite.intake.channel;

import io.complaintsuite.contracts.Channel;
import java.util.Arrays;
import java.util.List;

/**
 * The kind of system a connection belongs to. Complaints of a channel are answered through the
 * connections that serve it: web chat, app and social media through their own; phone, counter and
 * letter complaints by SMS (and the phone system, if it asks); e-mail complaints by mail directly
 * over SMTP. The e-mail gateway is no connection: it only posts replies and bounces back ({@code
 * /api/v1/email-gateway/*}, role channel).
 */
public enum EndpointChannel {
  WEB_CHAT("web-chat"),
  APP("app"),
  SOCIAL_MEDIA("social-media"),
  SMS("sms"),
  PHONE("phone");

  private final String json;

  EndpointChannel(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }

  /** Only SMS and the phone system get the customer's phone number; no connection the address. */
  public boolean needsPhone() {
    return this == SMS || this == PHONE;
  }

  public static EndpointChannel fromJson(String name) {
    for (EndpointChannel c : values()) {
      if (c.json.equals(name)) {
        return c;
      }
    }
    return null;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(EndpointChannel::json).toList();
  }

  /** The connections that carry messages about a complaint that came in through {@code channel}. */
  public static List<EndpointChannel> serving(Channel channel) {
    return switch (channel) {
      case WEB_CHAT -> List.of(WEB_CHAT);
      case APP -> List.of(APP);
      case SOCIAL_MEDIA -> List.of(SOCIAL_MEDIA);
      case EMAIL -> List.of();
      case PHONE, COUNTER, LETTER -> List.of(SMS, PHONE);
    };
  }

  /** The connections for a notification's channel ({@code sms}, {@code app-push}). */
  public static List<EndpointChannel> forNotification(String channel) {
    return switch (channel) {
      case "sms" -> List.of(SMS);
      case "app-push" -> List.of(APP);
      default -> List.of();
    };
  }
}
