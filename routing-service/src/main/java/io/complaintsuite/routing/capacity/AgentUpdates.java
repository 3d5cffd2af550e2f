package io.complaintsuite.routing.capacity;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.department.CommaSeparated;
import io.complaintsuite.routing.settings.RoutingSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates or replaces an agent in one transaction with what the change frees or needs: under the
 * department's lock, the row is written; an agent going off duty hands over their open work when
 * the off-duty rule says so; and the department's queue is drained (they may have come on duty or
 * got more capacity).
 */
@ApplicationScoped
public class AgentUpdates {
  private static final CommaSeparated COMMA_SEPARATED = new CommaSeparated();

  /** What the admin API asks for, validated except for what needs the database. */
  public record Change(
      String id,
      String name,
      String department,
      List<String> skills,
      List<String> languages,
      List<String> channels,
      int capacity,
      Boolean onDuty,
      Integer openComplaints,
      Schedule schedule) {}

  private final Pool pool;
  private final Capacity capacity;
  private final Clock clock;
  private final ZoneId zone;

  public AgentUpdates(Pool pool, Capacity capacity, Clock clock, RoutingSettings settings) {
    this.pool = pool;
    this.capacity = capacity;
    this.clock = clock;
    this.zone = settings.shifts().zone();
  }

  public ZoneId zone() {
    return zone;
  }

  /** Whether {@code schedule} has the agent on duty now. */
  public boolean scheduledNow(Schedule schedule) {
    return schedule.onDutyAt(LocalDateTime.ofInstant(clock.instant(), zone));
  }

  public Uni<Row> put(Change c) {
    return pool.withTransaction(conn -> put(conn, c));
  }

  private Uni<Row> put(SqlConnection conn, Change c) {
    OffsetDateTime now = Timestamps.now(clock);
    Boolean scheduled = c.schedule() == null ? null : scheduledNow(c.schedule());
    boolean onDuty = c.onDuty() != null ? c.onDuty() : Boolean.TRUE.equals(scheduled);
    return conn.preparedQuery(
            "select (select department from agent where id = $1) as old_department,"
                + " exists (select 1 from department where code = $2) as known,"
                + " (select string_agg(code, ',') from problem_type) as types")
        .execute(Tuple.of(c.id(), c.department()))
        .chain(
            rows -> {
              Row r = rows.iterator().next();
              if (!r.getBoolean("known")) {
                throw ProblemException.badField(
                    "department", "unknown department " + c.department());
              }
              Set<String> known = new HashSet<>(List.of(r.getString("types").split(",")));
              for (String skill : c.skills()) {
                if (!known.contains(skill)) {
                  throw ProblemException.badField("skills", "unknown problem type " + skill);
                }
              }
              String old = r.getString("old_department");
              Set<String> departments = new TreeSet<>(); // one order everywhere: no deadlock
              departments.add(c.department());
              if (old != null) {
                departments.add(old);
              }
              return lockAll(conn, List.copyOf(departments), 0);
            })
        .chain(
            () ->
                conn.preparedQuery("select on_duty from agent where id = $1 for update")
                    .execute(Tuple.of(c.id())))
        .chain(
            before -> {
              boolean wasOnDuty =
                  before.iterator().hasNext() && before.iterator().next().getBoolean("on_duty");
              return conn.preparedQuery(
                      "insert into agent (id, name, department, skills, languages, channels,"
                          + " capacity, on_duty, open_complaints, updated_at, version, schedule,"
                          + " scheduled_on_duty)"
                          + " values ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9::integer, 0),"
                          + " $10, 0, $11, $12)"
                          + " on conflict (id) do update set name = excluded.name,"
                          + " department = excluded.department, skills = excluded.skills,"
                          + " languages = excluded.languages, channels = excluded.channels,"
                          + " capacity = excluded.capacity, on_duty = excluded.on_duty,"
                          + " open_complaints = coalesce($9::integer, agent.open_complaints),"
                          + " updated_at = excluded.updated_at, version = agent.version + 1,"
                          + " schedule = excluded.schedule,"
                          + " scheduled_on_duty = excluded.scheduled_on_duty")
                  .execute(
                      Tuple.from(
                          new Object[] {
                            c.id(),
                            c.name(),
                            c.department(),
                            COMMA_SEPARATED.convertToDatabaseColumn(c.skills()),
                            COMMA_SEPARATED.convertToDatabaseColumn(c.languages()),
                            COMMA_SEPARATED.convertToDatabaseColumn(c.channels()),
                            c.capacity(),
                            onDuty,
                            c.openComplaints(),
                            now,
                            c.schedule() == null ? null : c.schedule().toJson(),
                            scheduled
                          }))
                  .chain(
                      () -> capacity.dutyChanged(conn, c.id(), c.department(), wasOnDuty, onDuty));
            })
        .chain(
            () ->
                conn.preparedQuery("select * from agent where id = $1")
                    .execute(Tuple.of(c.id()))
                    .map(rows -> rows.iterator().next()));
  }

  private static Uni<Void> lockAll(SqlConnection conn, List<String> departments, int i) {
    if (i >= departments.size()) {
      return Uni.createFrom().voidItem();
    }
    return DepartmentLock.lock(conn, departments.get(i))
        .chain(() -> lockAll(conn, departments, i + 1));
  }
}
