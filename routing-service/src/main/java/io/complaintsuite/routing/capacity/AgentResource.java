package io.complaintsuite.routing.capacity;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.routing.department.Agent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Admin API for agents: skills, languages, channels, capacity, on-duty flag, shift schedule. */
@Path("/api/v1/agents")
public class AgentResource {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> CHANNELS =
      Set.of("phone", "web-chat", "email", "social-media", "app", "counter", "letter");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

  private final AgentUpdates updates;

  public AgentResource(AgentUpdates updates) {
    this.updates = updates;
  }

  @GET
  @RolesAllowed({"admin", "supervisor"})
  @WithSession
  public Uni<List<AgentView>> list(@QueryParam("department") String department) {
    Uni<List<Agent>> agents =
        department == null
            ? Agent.listAll(Sort.by("id"))
            : Agent.list("department", Sort.by("id"), department);
    return agents.map(all -> all.stream().map(AgentView::of).toList());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({"admin", "supervisor"})
  @WithSession
  public Uni<AgentView> get(@PathParam("id") String id) {
    return Agent.<Agent>findById(id)
        .map(
            a -> {
              if (a == null) {
                throw ProblemException.notFound("agent " + id);
              }
              return AgentView.of(a);
            });
  }

  /**
   * Creates or replaces an agent; the current load is kept unless given. With a {@code schedule}
   * and no {@code onDuty}, the schedule decides whether they are on duty now; a given {@code
   * onDuty} holds until the schedule's next shift boundary. In the same transaction, an agent going
   * off duty hands over open work if {@code routing.off-duty.open-work=hand-over}, and the
   * department's queue is drained.
   */
  @PUT
  @Path("/{id}")
  @RolesAllowed("admin")
  public Uni<AgentView> put(@PathParam("id") String id, AgentView body) {
    if (!ID.matcher(id).matches()) {
      throw ProblemException.badField("id", "must match " + ID.pattern());
    }
    validate(body);
    Schedule schedule = Schedule.validated(body.schedule());
    return updates
        .put(
            new AgentUpdates.Change(
                id,
                body.name().strip(),
                body.department(),
                list(body.skills()),
                list(body.languages()),
                list(body.channels()),
                body.capacity(),
                body.onDuty(),
                body.openComplaints(),
                schedule))
        .map(AgentView::of);
  }

  private static void validate(AgentView body) {
    if (body == null) {
      throw ProblemException.badField("body", "must be an agent object");
    }
    if (body.name() == null || body.name().isBlank()) {
      throw ProblemException.badField("name", "must not be blank");
    }
    if (body.name().length() > 100) {
      throw ProblemException.badField("name", "must be at most 100 characters");
    }
    if (body.department() == null || body.department().isBlank()) {
      throw ProblemException.badField("department", "must not be blank");
    }
    if (body.capacity() == null || body.capacity() < 0 || body.capacity() > 1000) {
      throw ProblemException.badField("capacity", "must be a number from 0 to 1000");
    }
    if (body.onDuty() == null && body.schedule() == null) {
      throw ProblemException.badField("onDuty", "must be true or false (or give a schedule)");
    }
    if (body.openComplaints() != null && body.openComplaints() < 0) {
      throw ProblemException.badField("openComplaints", "must not be negative");
    }
    for (String language : list(body.languages())) {
      if (!LANGUAGE.matcher(language).matches()) {
        throw ProblemException.badField(
            "languages", "must be ISO 639-1 codes like zh or en, not " + language);
      }
    }
    for (String channel : list(body.channels())) {
      if (!CHANNELS.contains(channel)) {
        throw ProblemException.badField(
            "channels", "must be among " + CHANNELS + ", not " + channel);
      }
    }
  }

  private static List<String> list(List<String> values) {
    return values == null
        ? List.of()
        : values.stream().filter(v -> v != null && !v.isBlank()).toList();
  }
}
