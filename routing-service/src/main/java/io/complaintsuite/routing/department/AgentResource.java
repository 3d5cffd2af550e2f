package io.complaintsuite.routing.department;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Admin API for agents: skills, languages, channels, capacity, on-duty flag. */
@Path("/api/v1/agents")
public class AgentResource {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> CHANNELS =
      Set.of("phone", "web-chat", "email", "social-media", "app", "counter", "letter");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

  private final Clock clock;

  public AgentResource(Clock clock) {
    this.clock = clock;
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

  /** Creates or replaces an agent; the current load is kept unless given. */
  @PUT
  @Path("/{id}")
  @RolesAllowed("admin")
  @WithTransaction
  public Uni<AgentView> put(@PathParam("id") String id, AgentView body) {
    if (!ID.matcher(id).matches()) {
      throw ProblemException.badField("id", "must match " + ID.pattern());
    }
    validate(body);
    return Department.<Department>findById(body.department())
        .chain(
            department -> {
              if (department == null) {
                throw ProblemException.badField(
                    "department", "unknown department " + body.department());
              }
              return ProblemType.<ProblemType>listAll();
            })
        .chain(
            types -> {
              Set<String> known =
                  types.stream().map(t -> t.code).collect(java.util.stream.Collectors.toSet());
              for (String skill : list(body.skills())) {
                if (!known.contains(skill)) {
                  throw ProblemException.badField("skills", "unknown problem type " + skill);
                }
              }
              return Agent.<Agent>findById(id);
            })
        .chain(
            found -> {
              Agent a = found == null ? new Agent() : found;
              a.id = id;
              a.name = body.name().strip();
              a.department = body.department();
              a.skills = list(body.skills());
              a.languages = list(body.languages());
              a.channels = list(body.channels());
              a.capacity = body.capacity();
              a.onDuty = body.onDuty();
              if (body.openComplaints() != null) {
                a.openComplaints = body.openComplaints();
              }
              a.updatedAt = Timestamps.now(clock);
              return a.<Agent>persist();
            })
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
    if (body.onDuty() == null) {
      throw ProblemException.badField("onDuty", "must be true or false");
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
