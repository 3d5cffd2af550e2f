package io.complaintsuite.routing.capacity;

import io.complaintsuite.platform.outbox.OutboxKick;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every {@code routing.queue.interval} on the injectable clock: agents with a schedule go on or off
 * duty at their shift boundaries (a manual change holds until the next boundary), and every
 * department's queue is drained into the room agents have. Safe with replicas: each agent's change
 * and each department's drain runs in its own transaction under the department's advisory lock (the
 * drain skips a department another transaction is working on: that one drains it).
 */
@ApplicationScoped
public class CapacityChecker {
  private static final Logger LOG = Logger.getLogger(CapacityChecker.class);

  /** What one round did. */
  public record Round(int dutyChanges, int drained) {}

  private final Pool pool;
  private final Capacity capacity;
  private final Redistribution redistribution;
  private final AgentUpdates updates;
  private final Clock clock;
  private final OutboxKick kick;

  public CapacityChecker(
      Pool pool,
      Capacity capacity,
      Redistribution redistribution,
      AgentUpdates updates,
      Clock clock,
      OutboxKick kick) {
    this.redistribution = redistribution;
    this.pool = pool;
    this.capacity = capacity;
    this.updates = updates;
    this.clock = clock;
    this.kick = kick;
  }

  @Scheduled(
      identity = "routing-capacity-checker",
      every = "${routing.queue.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return checkOnce()
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warn("capacity check failed; the next round retries", e);
              return null;
            })
        .replaceWithVoid();
  }

  /** One round: shift boundaries, then the queues. */
  public Uni<Round> checkOnce() {
    return shifts()
        .chain(changes -> queues().map(drained -> new Round(changes, drained)))
        .invoke(
            round -> {
              if (round.dutyChanges() > 0 || round.drained() > 0) {
                kick.kick();
              }
            });
  }

  private record Due(String id, String department, boolean onDuty) {}

  private Uni<Integer> shifts() {
    LocalDateTime local = LocalDateTime.ofInstant(clock.instant(), updates.zone());
    return pool.preparedQuery(
            "select id, department, schedule, scheduled_on_duty from agent"
                + " where schedule is not null order by id")
        .execute()
        .chain(
            rows -> {
              List<Due> due = new ArrayList<>();
              for (Row r : rows) {
                boolean now = Schedule.fromJson(r.getString("schedule")).onDutyAt(local);
                Boolean applied = r.getBoolean("scheduled_on_duty");
                if (applied == null || applied != now) {
                  due.add(new Due(r.getString("id"), r.getString("department"), now));
                }
              }
              return Multi.createFrom()
                  .iterable(due)
                  .onItem()
                  .transformToUniAndConcatenate(this::apply)
                  .collect()
                  .asList()
                  .map(done -> (int) done.stream().filter(b -> b).count());
            });
  }

  /**
   * One agent's boundary, re-checked under the department's lock (another replica may be first).
   */
  private Uni<Boolean> apply(Due due) {
    return pool.withTransaction(
        conn ->
            DepartmentLock.lock(conn, due.department())
                .chain(
                    () ->
                        conn.preparedQuery(
                                "select on_duty, scheduled_on_duty from agent where id = $1"
                                    + " and department = $2 and schedule is not null for update")
                            .execute(Tuple.of(due.id(), due.department())))
                .chain(
                    rows -> {
                      if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(false);
                      }
                      Row r = rows.iterator().next();
                      Boolean applied = r.getBoolean("scheduled_on_duty");
                      if (applied != null && applied == due.onDuty()) {
                        return Uni.createFrom().item(false);
                      }
                      boolean was = r.getBoolean("on_duty");
                      return conn.preparedQuery(
                              "update agent set on_duty = $2, scheduled_on_duty = $2,"
                                  + " updated_at = $3, version = version + 1 where id = $1")
                          .execute(Tuple.of(due.id(), due.onDuty(), Timestamps.now(clock)))
                          .chain(
                              () ->
                                  capacity.dutyChanged(
                                      conn, due.id(), due.department(), was, due.onDuty()))
                          .replaceWith(true);
                    }));
  }

  private Uni<Integer> queues() {
    return pool.preparedQuery(
            "select distinct department from assignment"
                + " where status = 'queued' and lifecycle = 'open' order by department")
        .execute()
        .chain(
            rows -> {
              List<String> departments = new ArrayList<>();
              rows.forEach(r -> departments.add(r.getString("department")));
              return Multi.createFrom()
                  .iterable(departments)
                  .onItem()
                  .transformToUniAndConcatenate(
                      department ->
                          pool.withTransaction(
                              conn ->
                                  DepartmentLock.tryLock(conn, department)
                                      .chain(
                                          got ->
                                              got
                                                  ? redistribution.drain(conn, department)
                                                  : Uni.createFrom().item(0))))
                  .collect()
                  .asList()
                  .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
            });
  }
}
