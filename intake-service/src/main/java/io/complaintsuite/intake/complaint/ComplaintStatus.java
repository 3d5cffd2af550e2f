package io.complaintsuite.intake.complaint;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a complaint stands: received → in_progress (first response) ⇄ waiting_for_customer →
 * resolved → closed, and resolved → in_progress again on reopen. {@link ComplaintAction} says which
 * action each state allows.
 */
public enum ComplaintStatus {
  @JsonProperty("received")
  RECEIVED("received"),
  @JsonProperty("in_progress")
  IN_PROGRESS("in_progress"),
  @JsonProperty("waiting_for_customer")
  WAITING_FOR_CUSTOMER("waiting_for_customer"),
  @JsonProperty("resolved")
  RESOLVED("resolved"),
  @JsonProperty("closed")
  CLOSED("closed");

  private final String json;

  ComplaintStatus(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }

  public static ComplaintStatus fromJson(String value) {
    for (ComplaintStatus s : values()) {
      if (s.json.equals(value)) {
        return s;
      }
    }
    return null;
  }

  /** Still being worked on (not resolved or closed). */
  public boolean isOpen() {
    return this == RECEIVED || this == IN_PROGRESS || this == WAITING_FOR_CUSTOMER;
  }
}
