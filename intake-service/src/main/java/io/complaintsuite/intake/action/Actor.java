package io.complaintsuite.intake.action;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who acts, as the timeline and the events record it, and what may let them act: {@code role} is
 * the most senior of the caller's roles (supervisor, admin, agent, channel), {@code department} the
 * token's {@code department} claim (agents only; null when the token has none).
 */
public record Actor(String id, String role, String department) {
  /** The token claim naming the agent's department (a Keycloak user-attribute mapper). */
  public static final String DEPARTMENT_CLAIM = "department";

  public static final Actor CUSTOMER = new Actor("customer", "customer", null);

  public Actor(String id, String role) {
    this(id, role, null);
  }

  /** The most senior of the caller's roles names what they acted as. */
  public static Actor of(SecurityIdentity identity) {
    String role =
        identity.hasRole("supervisor")
            ? "supervisor"
            : identity.hasRole("admin")
                ? "admin"
                : identity.hasRole("agent")
                    ? "agent"
                    : identity.hasRole("channel") ? "channel" : "unknown";
    String department = null;
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      Object claim = jwt.getClaim(DEPARTMENT_CLAIM);
      if (claim != null) {
        // A JSON string claim may arrive as a JsonString whose toString() keeps the quotes.
        String text = claim.toString().replaceAll("^\"|\"$", "").trim();
        department = text.isEmpty() ? null : text;
      }
    }
    return new Actor(identity.getPrincipal().getName(), role, department);
  }

  /** Supervisors and admins may act on every complaint. */
  public boolean actsOnAny() {
    return "supervisor".equals(role) || "admin".equals(role);
  }
}
