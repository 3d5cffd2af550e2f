package io.complaintsuite.routing.escalation;

import static io.complaintsuite.platform.inbox.EventFields.required;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.sla.SlaAlertRaised;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.Inbox;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.complaintsuite.platform.outbox.OutboxKick;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes breaches and escalations from {@code sla-alerts} exactly once (warnings are skipped).
 */
@ApplicationScoped
public class SlaAlertConsumer {
  static final String CONSUMER = "routing-service.sla-alerts";
  static final String BREACHED = EventType.SLA_BREACHED.name();
  static final String ESCALATED = EventType.SLA_ESCALATED.name();

  private final Inbox inbox;
  private final Escalations escalations;
  private final ObjectMapper json;
  private final OutboxKick kick;
  private final Pool pool;

  public SlaAlertConsumer(
      Inbox inbox, Escalations escalations, ObjectMapper json, OutboxKick kick, Pool pool) {
    this.pool = pool;
    this.inbox = inbox;
    this.escalations = escalations;
    this.json = json;
    this.kick = kick;
  }

  @Incoming("sla-alerts")
  public Uni<Void> onAlert(Message<String> message) {
    return inbox
        .process(message, CONSUMER, Set.of(BREACHED, ESCALATED), pool, this::apply)
        .invoke(kick::kick);
  }

  private Uni<Void> apply(InboundEvent event, SqlConnection conn) {
    SlaAlertRaised alert = event.dataAs(json, SlaAlertRaised.class);
    required(alert.complaintId(), "complaintId");
    required(alert.alertId(), "alertId");
    if (!"response".equals(required(alert.timer(), "timer"))
        && !"resolution".equals(alert.timer())) {
      throw new PoisonEventException("timer must be response or resolution: " + alert.timer());
    }
    return escalations.alert(conn, alert, BREACHED.equals(event.type()));
  }
}
