package io.complaintsuite.contracts;

/** The suite's topics: one per producing service; the event type travels in {@code ce_type}. */
public final class Topics {
  public static final String COMPLAINTS = "complaints";
  public static final String ASSIGNMENTS = "assignments";
  public static final String SLA_ALERTS = "sla-alerts";
  public static final String SURVEYS = "surveys";
  public static final String NOTIFICATIONS = "notifications";
  public static final String KNOWLEDGE = "knowledge";

  private Topics() {}
}
