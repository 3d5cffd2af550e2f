package io.complaintsuite.routing.department;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/** Admin API for departments and the problem types they own. */
@Path("/api/v1")
public class DepartmentResource {
  static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,39}");

  public record DepartmentBody(String name) {}

  public record DepartmentView(String code, String name) {}

  public record ProblemTypeView(
      String code, String name, String department, String defaultPriority, String description) {}

  private final Clock clock;

  public DepartmentResource(Clock clock) {
    this.clock = clock;
  }

  @GET
  @Path("/departments")
  @RolesAllowed({"admin", "supervisor", "agent"})
  @WithSession
  public Uni<List<DepartmentView>> departments() {
    return Department.<Department>listAll()
        .map(all -> all.stream().map(d -> new DepartmentView(d.code, d.name)).toList());
  }

  @PUT
  @Path("/departments/{code}")
  @RolesAllowed("admin")
  @WithTransaction
  public Uni<DepartmentView> putDepartment(@PathParam("code") String code, DepartmentBody body) {
    if (!CODE.matcher(code).matches()) {
      throw ProblemException.badField("code", "must match " + CODE.pattern());
    }
    if (body == null || body.name() == null || body.name().isBlank()) {
      throw ProblemException.badField("name", "must not be blank");
    }
    if (body.name().length() > 100) {
      throw ProblemException.badField("name", "must be at most 100 characters");
    }
    return Department.<Department>findById(code)
        .chain(
            found -> {
              Department d = found == null ? new Department() : found;
              d.code = code;
              d.name = body.name().strip();
              d.updatedAt = Timestamps.now(clock);
              return d.<Department>persist();
            })
        .map(d -> new DepartmentView(d.code, d.name));
  }

  @GET
  @Path("/problem-types")
  @RolesAllowed({"admin", "supervisor", "agent"})
  @WithSession
  public Uni<List<ProblemTypeView>> problemTypes() {
    return ProblemType.<ProblemType>listAll()
        .map(
            all ->
                all.stream()
                    .map(
                        p ->
                            new ProblemTypeView(
                                p.code, p.name, p.department, p.defaultPriority, p.description))
                    .toList());
  }
}
