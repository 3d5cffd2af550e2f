package io.complaintsuite.routing.inbound;

import io.complaintsuite.contracts.Priority;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.routing.analysis.RoutingInput;
import io.complaintsuite.routing.assignment.Decision;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Locale;
import java.util.Set;

/** Dry-run: the decision and its explanation for a complaint body, without assigning anything. */
@Path("/api/v1/routing")
public class RoutingResource {
  private static final Set<String> CHANNELS =
      Set.of("phone", "web-chat", "email", "social-media", "app", "counter", "letter");

  /** A complaint as a channel would post it; {@code customer.tier} lets rules on tiers be tried. */
  public record DryRunBody(
      String channel, Customer customer, String subject, String description, String urgency) {
    public record Customer(String id, String tier) {}
  }

  private final NewComplaintRouter router;

  public RoutingResource(NewComplaintRouter router) {
    this.router = router;
  }

  @POST
  @Path("/dry-run")
  @RolesAllowed({"agent", "supervisor", "admin"})
  public Uni<Decision> dryRun(DryRunBody body) {
    return router.dryRun(input(body));
  }

  static RoutingInput input(DryRunBody body) {
    if (body == null) {
      throw ProblemException.badField("body", "must be a complaint object");
    }
    if (body.channel() == null || !CHANNELS.contains(body.channel())) {
      throw ProblemException.badField("channel", "must be one of " + CHANNELS);
    }
    if (body.description() == null || body.description().isBlank()) {
      throw ProblemException.badField("description", "must not be blank");
    }
    if (body.description().length() > 20000) {
      throw ProblemException.badField("description", "must be at most 20000 characters");
    }
    if (body.subject() != null && body.subject().length() > 200) {
      throw ProblemException.badField("subject", "must be at most 200 characters");
    }
    Priority hint = null;
    if (body.urgency() != null) {
      try {
        hint = Priority.valueOf(body.urgency().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ProblemException.badField("urgency", "must be one of urgent, general, low");
      }
    }
    String text =
        (body.subject() == null || body.subject().isBlank() ? "" : body.subject() + "\n")
            + body.description();
    return new RoutingInput(
        text,
        body.channel(),
        body.customer() == null ? null : body.customer().id(),
        body.customer() == null ? null : body.customer().tier(),
        hint);
  }
}
