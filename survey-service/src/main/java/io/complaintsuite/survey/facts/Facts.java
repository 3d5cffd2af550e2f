package io.complaintsuite.survey.facts;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.platform.inbox.EventFields;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.time.Timestamps;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/**
 * Keeps what the survey needs to know of a complaint. Complaints and assignments arrive on two
 * topics with no order between them, so: {@code complaint.received} only fills what is still
 * unknown (it is the oldest information), {@code assignment.created} overwrites owner, priority and
 * type (the latest assignment is the current owner), and {@code complaint.resolved} (see {@link
 * #resolved}) overwrites whatever it carries.
 */
@ApplicationScoped
public class Facts {
  private final Clock clock;

  public Facts(Clock clock) {
    this.clock = clock;
  }

  public Uni<Void> received(InboundEvent event) {
    JsonNode data = event.data();
    UUID id = EventFields.uuid(data, "complaintId");
    JsonNode customer = EventFields.object(data, "customer", true);
    String customerId = EventFields.text(customer, "id", true);
    String customerName = EventFields.text(customer, "name", false);
    String problemType = EventFields.text(data, "problemType", false);
    return load(id)
        .invoke(
            f -> {
              f.number = keep(f.number, EventFields.text(data, "number", false));
              f.customerId = keep(f.customerId, customerId);
              f.customerName = keep(f.customerName, customerName);
              f.channel = keep(f.channel, EventFields.text(data, "channel", false));
              f.problemType =
                  "unclassified".equals(problemType)
                      ? f.problemType
                      : keep(f.problemType, problemType);
              f.priority = keep(f.priority, EventFields.priority(data, "priority", false));
            })
        .chain(this::save);
  }

  public Uni<Void> assigned(InboundEvent event) {
    JsonNode data = event.data();
    UUID id = EventFields.uuid(data, "complaintId");
    String department = EventFields.text(data, "department", true);
    return load(id)
        .invoke(
            f -> {
              f.number = keep(f.number, EventFields.text(data, "number", false));
              f.customerId = keep(f.customerId, EventFields.text(data, "customerId", false));
              f.department = department;
              f.agent = EventFields.text(data, "agent", false);
              f.priority = overwrite(f.priority, EventFields.priority(data, "priority", false));
              f.problemType =
                  overwrite(f.problemType, EventFields.text(data, "problemType", false));
            })
        .chain(this::save);
  }

  /** The facts as {@code complaint.resolved} states them; department and agent only if given. */
  public Uni<ComplaintFacts> resolved(UUID id, Resolution r) {
    return load(id)
        .invoke(
            f -> {
              f.number = overwrite(f.number, r.number());
              f.customerId = r.customerId();
              f.customerName = overwrite(f.customerName, r.customerName());
              f.channel = overwrite(f.channel, r.channel());
              f.problemType = overwrite(f.problemType, r.problemType());
              f.priority = overwrite(f.priority, r.priority());
              f.department = overwrite(f.department, r.department());
              f.agent = overwrite(f.agent, r.agent());
            })
        .chain(f -> save(f).replaceWith(f))
        .chain(f -> contact(r).replaceWith(f));
  }

  /** The parts of {@code complaint.resolved} kept as facts and contact. */
  public record Resolution(
      String number,
      String customerId,
      String customerName,
      String phone,
      String email,
      String channel,
      String problemType,
      String priority,
      String department,
      String agent) {}

  private Uni<Void> contact(Resolution r) {
    return CustomerContact.<CustomerContact>findById(r.customerId())
        .chain(
            existing -> {
              CustomerContact c = existing != null ? existing : new CustomerContact();
              c.customerId = r.customerId();
              c.name = overwrite(c.name, r.customerName());
              // The latest resolution's contact is the one the customer gave last.
              if (r.phone() != null || r.email() != null) {
                c.phone = r.phone();
                c.email = r.email();
              }
              c.updatedAt = Timestamps.now(clock);
              return existing != null ? Uni.createFrom().voidItem() : c.persist().replaceWithVoid();
            });
  }

  private Uni<ComplaintFacts> load(UUID id) {
    return ComplaintFacts.<ComplaintFacts>findById(id)
        .map(
            f -> {
              if (f != null) {
                return f;
              }
              ComplaintFacts created = new ComplaintFacts();
              created.complaintId = id;
              return created;
            });
  }

  private Uni<Void> save(ComplaintFacts f) {
    boolean created = f.updatedAt == null;
    f.updatedAt = Timestamps.now(clock);
    return created ? f.persist().replaceWithVoid() : Uni.createFrom().voidItem();
  }

  private static String keep(String current, String incoming) {
    return current != null ? current : incoming;
  }

  private static String overwrite(String current, String incoming) {
    return incoming != null ? incoming : current;
  }
}
