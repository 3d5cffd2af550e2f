package io.complaintsuite.intake.complaint;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a complaint stands in its life; the state machine grows with the agent actions. */
public enum ComplaintStatus {
  @JsonProperty("received")
  RECEIVED
}
