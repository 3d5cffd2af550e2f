package io.complaintsuite.survey.incident;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.survey.NotificationRequested;
import io.complaintsuite.platform.inbox.EventFields;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.survey.facts.ComplaintFacts;
import io.complaintsuite.survey.facts.CustomerContact;
import io.complaintsuite.survey.notification.Deliveries;
import io.complaintsuite.survey.settings.SurveySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Transparent progress during a mass incident: each {@code sla.incident-updated} becomes one {@code
 * notification.requested} per affected customer we can reach, with the supervisor's message as is.
 * Once per (update, customer): a customer with several complaints in the incident gets one message,
 * and a redelivered update none. Complaints this service has never seen (no {@code
 * complaint.received} consumed yet) and customers with no way to reach them are counted and logged,
 * not dead-lettered: the update is valid and the other customers must hear of it; the next update
 * reaches them once their complaint is known.
 */
@ApplicationScoped
public class IncidentNotices {
  private static final Logger LOG = Logger.getLogger(IncidentNotices.class);

  private final java.time.Clock clock;
  private final Outbox outbox;
  private final SurveySettings settings;
  private final MeterRegistry metrics;

  public IncidentNotices(
      java.time.Clock clock, Outbox outbox, SurveySettings settings, MeterRegistry metrics) {
    this.clock = clock;
    this.outbox = outbox;
    this.settings = settings;
    this.metrics = metrics;
  }

  record Update(
      UUID incidentId, UUID updateId, String title, String message, List<UUID> complaintIds) {}

  public Uni<Void> updated(InboundEvent event) {
    Update u = parse(event.data());
    if (u.complaintIds().isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return ComplaintFacts.<ComplaintFacts>list("complaintId in ?1", u.complaintIds())
        .chain(
            known -> {
              Map<UUID, ComplaintFacts> byId =
                  known.stream().collect(Collectors.toMap(f -> f.complaintId, Function.identity()));
              // Per customer, their complaints in the incident's order.
              Map<String, List<ComplaintFacts>> byCustomer = new LinkedHashMap<>();
              int unknown = 0;
              for (UUID id : u.complaintIds()) {
                ComplaintFacts f = byId.get(id);
                if (f == null || f.customerId == null) {
                  unknown++;
                  continue;
                }
                byCustomer.computeIfAbsent(f.customerId, c -> new ArrayList<>()).add(f);
              }
              if (unknown > 0) {
                metrics.counter("survey.incident.complaints.unknown").increment(unknown);
                LOG.infof(
                    "incident update %s: %d of %d complaints unknown here, not notified",
                    u.updateId(), unknown, u.complaintIds().size());
              }
              if (byCustomer.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return CustomerContact.<CustomerContact>list(
                      "customerId in ?1", new ArrayList<>(byCustomer.keySet()))
                  .chain(contacts -> notifyAll(u, byCustomer, contacts));
            });
  }

  private Uni<Void> notifyAll(
      Update u, Map<String, List<ComplaintFacts>> byCustomer, List<CustomerContact> contacts) {
    Map<String, CustomerContact> contactOf =
        contacts.stream().collect(Collectors.toMap(c -> c.customerId, Function.identity()));
    OffsetDateTime now = Timestamps.now(clock);
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Map.Entry<String, List<ComplaintFacts>> e : byCustomer.entrySet()) {
      CustomerContact contact = contactOf.get(e.getKey());
      // Any complaint made in the app makes app push possible; else the first complaint's channel.
      ComplaintFacts first = e.getValue().get(0);
      boolean viaApp = e.getValue().stream().anyMatch(f -> "app".equals(f.channel));
      String delivery = Deliveries.choose(viaApp ? "app" : first.channel, contact);
      if (delivery == null) {
        metrics.counter("survey.incident.customers.unreachable").increment();
        continue;
      }
      chain = chain.chain(() -> notifyOnce(u, e.getKey(), first, contact, delivery, now));
    }
    return chain;
  }

  private Uni<Void> notifyOnce(
      Update u,
      String customerId,
      ComplaintFacts first,
      CustomerContact contact,
      String delivery,
      OffsetDateTime now) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into incident_notice (update_id, customer_id, incident_id,"
                            + " complaint_id, channel, sent_at) values (:update, :customer,"
                            + " :incident, :complaint, :channel, :now) on conflict do nothing")
                    .setParameter("update", u.updateId())
                    .setParameter("customer", customerId)
                    .setParameter("incident", u.incidentId())
                    .setParameter("complaint", first.complaintId)
                    .setParameter("channel", delivery)
                    .setParameter("now", now)
                    .executeUpdate())
        .chain(
            inserted -> {
              if (inserted == 0) {
                return Uni.createFrom().voidItem();
              }
              metrics.counter("survey.incident.notices", "channel", delivery).increment();
              String name =
                  contact != null && contact.name != null ? contact.name : first.customerName;
              NotificationRequested n =
                  new NotificationRequested(
                      UUID.randomUUID(),
                      "incident-update",
                      delivery,
                      new NotificationRequested.Recipient(
                          customerId,
                          name,
                          Deliveries.SMS.equals(delivery) ? contact.phone : null,
                          Deliveries.EMAIL.equals(delivery) ? contact.email : null),
                      "zh-CN",
                      settings.incident().subject() + "：" + u.title(),
                      u.message(),
                      null,
                      first.complaintId,
                      null,
                      u.incidentId(),
                      u.updateId(),
                      null,
                      now);
              String key = first.complaintId.toString();
              return outbox.append(EventType.NOTIFICATION_REQUESTED, key, key, n).replaceWithVoid();
            });
  }

  static Update parse(JsonNode data) {
    JsonNode ids = data.get("complaintIds");
    if (ids == null || !ids.isArray()) {
      throw new PoisonEventException("complaintIds must be an array");
    }
    Set<UUID> complaintIds = new LinkedHashSet<>();
    for (JsonNode id : ids) {
      try {
        complaintIds.add(UUID.fromString(id.asText()));
      } catch (IllegalArgumentException e) {
        throw new PoisonEventException("complaintIds holds a non-UUID: " + id.asText());
      }
    }
    return new Update(
        EventFields.uuid(data, "incidentId"),
        EventFields.uuid(data, "updateId"),
        EventFields.text(data, "title", true),
        EventFields.text(data, "message", true),
        new ArrayList<>(complaintIds));
  }
}
