package io.complaintsuite.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Priority grade (投诉分级): urgent 紧急, general 一般, low 低优先级 (consultation). */
public enum Priority {
  @JsonProperty("urgent")
  URGENT,
  @JsonProperty("general")
  GENERAL,
  @JsonProperty("low")
  LOW
}
