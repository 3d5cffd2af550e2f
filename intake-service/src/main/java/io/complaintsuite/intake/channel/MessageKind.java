package io.complaintsuite.intake.channel;

import java.util.Arrays;
import java.util.List;

/** What the suite says to a customer; a connection subscribes to the kinds it wants. */
public enum MessageKind {
  RECEIPT("receipt", false),
  REPLY("reply", false),
  WAITING_FOR_CUSTOMER("waiting-for-customer", false),
  RESOLVED("resolved", false),
  REOPENED("reopened", false),
  CLOSED("closed", false),
  SURVEY_INVITATION("survey-invitation", true),
  INCIDENT_UPDATE("incident-update", true);

  private final String json;
  private final boolean unsolicited;

  MessageKind(String json, boolean unsolicited) {
    this.json = json;
    this.unsolicited = unsolicited;
  }

  public String json() {
    return json;
  }

  /**
   * Not an answer to something the customer just did: waits out quiet hours on connections that
   * keep them.
   */
  public boolean unsolicited() {
    return unsolicited;
  }

  public static MessageKind fromJson(String name) {
    for (MessageKind k : values()) {
      if (k.json.equals(name)) {
        return k;
      }
    }
    return null;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(MessageKind::json).toList();
  }
}
