package io.complaintsuite.intake.action;

import io.quarkus.security.identity.SecurityIdentity;

/** Who acts, as the timeline and the events record it. */
public record Actor(String id, String role) {
  public static final Actor CUSTOMER = new Actor("customer", "customer");

  /** The most senior of the caller's roles names what they acted as. */
  public static Actor of(SecurityIdentity identity) {
    String role =
        identity.hasRole("supervisor")
            ? "supervisor"
            : identity.hasRole("agent")
                ? "agent"
                : identity.hasRole("admin")
                    ? "admin"
                    : identity.hasRole("channel") ? "channel" : "unknown";
    return new Actor(identity.getPrincipal().getName(), role);
  }
}
