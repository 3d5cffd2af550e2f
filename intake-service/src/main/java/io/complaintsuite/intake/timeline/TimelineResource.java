package io.complaintsuite.intake.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.intake.complaint.Complaint;
import io.complaintsuite.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/v1/complaints/{id}/timeline")
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {
  private final Timeline timeline;
  private final ObjectMapper json;

  public TimelineResource(Timeline timeline, ObjectMapper json) {
    this.timeline = timeline;
    this.json = json;
  }

  @GET
  @RolesAllowed({"agent", "supervisor", "admin"})
  @Operation(summary = "Everything that happened to the complaint, oldest first, with who and when")
  public Uni<List<TimelineEntryView>> get(@RestPath UUID id) {
    return Panache.withSession(
        () ->
            Complaint.<Complaint>findById(id)
                .chain(
                    c -> {
                      if (c == null) {
                        throw ProblemException.notFound("complaint " + id);
                      }
                      return timeline
                          .of(id)
                          .map(
                              entries -> {
                                List<TimelineEntryView> views = new ArrayList<>(entries.size() + 1);
                                views.add(receipt(c));
                                entries.forEach(e -> views.add(TimelineEntryView.of(e, json)));
                                return views;
                              });
                    }));
  }

  /** The receipt is the complaint row itself; it needs no timeline row of its own. */
  private TimelineEntryView receipt(Complaint c) {
    return new TimelineEntryView(
        c.id,
        0,
        Timeline.RECEIVED,
        c.receivedBy,
        "channel",
        c.receivedAt,
        c.description,
        json.createObjectNode().put("channel", c.channel.json()).put("subject", c.subject));
  }
}
