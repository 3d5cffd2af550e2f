package io.complaintsuite.routing.capacity;

import static io.complaintsuite.platform.inbox.EventFields.required;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.ComplaintLifecycle;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.routing.assignment.Assignment;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The complaint events that move capacity, from {@code complaints} through the inbox (exactly once,
 * in the inbox's transaction on a plain SQL connection): resolved and closed release the load,
 * reopened takes it again, priority-changed re-orders the queue.
 */
@ApplicationScoped
public class LifecycleEvents {
  static final String RESOLVED = EventType.COMPLAINT_RESOLVED.name();
  static final String CLOSED = EventType.COMPLAINT_CLOSED.name();
  static final String REOPENED = EventType.COMPLAINT_REOPENED.name();
  static final String PRIORITY_CHANGED = EventType.COMPLAINT_PRIORITY_CHANGED.name();
  public static final Set<String> TYPES = Set.of(RESOLVED, CLOSED, REOPENED, PRIORITY_CHANGED);

  private final Capacity capacity;
  private final ObjectMapper json;

  public LifecycleEvents(Capacity capacity, ObjectMapper json) {
    this.capacity = capacity;
    this.json = json;
  }

  public Uni<Void> apply(InboundEvent event, SqlConnection conn) {
    String type = event.type();
    if (RESOLVED.equals(type)) {
      var e = event.dataAs(json, ComplaintLifecycle.Resolved.class);
      return capacity.finished(conn, required(e.complaintId(), "complaintId"), Assignment.RESOLVED);
    }
    if (CLOSED.equals(type)) {
      var e = event.dataAs(json, ComplaintLifecycle.Closed.class);
      return capacity.finished(conn, required(e.complaintId(), "complaintId"), Assignment.CLOSED);
    }
    if (REOPENED.equals(type)) {
      var e = event.dataAs(json, ComplaintLifecycle.Reopened.class);
      return capacity.reopened(conn, required(e.complaintId(), "complaintId"), e.reason());
    }
    var e = event.dataAs(json, ComplaintLifecycle.PriorityChanged.class);
    return capacity.priorityChanged(
        conn, required(e.complaintId(), "complaintId"), required(e.to(), "to"));
  }
}
