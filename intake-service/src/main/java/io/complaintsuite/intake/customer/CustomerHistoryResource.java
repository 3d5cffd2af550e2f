package io.complaintsuite.intake.customer;

import io.complaintsuite.intake.complaint.Complaint;
import io.complaintsuite.intake.complaint.ComplaintSummary;
import io.complaintsuite.intake.settings.IntakeSettings;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/** A customer's complaint history, flagging repeat complainers for the agent's attention. */
@Path("/api/v1/customers/{customerId}/complaints")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerHistoryResource {
  static final int MAX_HISTORY = 200;

  /** The history, newest first; {@code repeatComplainer} when the window holds the threshold. */
  public record History(
      String customerId,
      boolean repeatComplainer,
      int complaintsInWindow,
      int windowDays,
      int threshold,
      List<ComplaintSummary> complaints) {}

  private final Clock clock;
  private final int threshold;
  private final Duration window;

  public CustomerHistoryResource(Clock clock, IntakeSettings settings) {
    this.clock = clock;
    this.threshold = settings.repeatComplainer().threshold();
    this.window = settings.repeatComplainer().window();
  }

  @GET
  @RolesAllowed({"agent", "supervisor", "admin"})
  @Operation(
      summary = "The customer's complaints, newest first, and whether they complain repeatedly")
  public Uni<History> history(@RestPath String customerId) {
    OffsetDateTime since = Timestamps.now(clock).minus(window);
    return Panache.withSession(
        () ->
            Complaint.<Complaint>find(
                    "customerId = ?1 order by receivedAt desc, id desc", customerId)
                .range(0, MAX_HISTORY - 1)
                .list()
                .map(
                    rows -> {
                      int recent =
                          (int) rows.stream().filter(c -> !c.receivedAt.isBefore(since)).count();
                      return new History(
                          customerId,
                          recent >= threshold,
                          recent,
                          (int) window.toDays(),
                          threshold,
                          rows.stream().map(ComplaintSummary::of).toList());
                    }));
  }
}
