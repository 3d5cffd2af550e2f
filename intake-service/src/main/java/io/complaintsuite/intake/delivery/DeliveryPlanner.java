package io.complaintsuite.intake.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.Channel;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.intake.channel.ChannelEndpoints;
import io.complaintsuite.intake.channel.Endpoint;
import io.complaintsuite.intake.channel.EndpointChannel;
import io.complaintsuite.intake.channel.MessageKind;
import io.complaintsuite.intake.mail.UndeliverableAddresses;
import io.complaintsuite.intake.settings.IntakeSettings;
import io.complaintsuite.platform.ids.TimeOrderedIds;
import io.complaintsuite.platform.inbox.EventFields;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.complaintsuite.platform.time.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns a consumed event into deliveries, in the inbox transaction that consumed it: one per
 * connection of the complaint's channel that wants the kind, or one e-mail. E-mail complaints (and
 * e-mail notifications) are answered by mail, by SMS when the address bounced; others by their
 * connections, or by mail when none of them takes the kind and the customer gave an address.
 */
@ApplicationScoped
public class DeliveryPlanner {
  private final ChannelEndpoints endpoints;
  private final UndeliverableAddresses undeliverable;
  private final ObjectMapper json;
  private final Clock clock;
  private final IntakeSettings settings;

  public DeliveryPlanner(
      ChannelEndpoints endpoints,
      UndeliverableAddresses undeliverable,
      ObjectMapper json,
      Clock clock,
      IntakeSettings settings) {
    this.endpoints = endpoints;
    this.undeliverable = undeliverable;
    this.json = json;
    this.clock = clock;
    this.settings = settings;
  }

  /** The kind of message a complaint event means for the customer, or null for none. */
  static MessageKind kindOf(InboundEvent event) {
    String type = event.type();
    if (type.equals(EventType.COMPLAINT_RECEIVED.name())) {
      return MessageKind.RECEIPT;
    }
    if (type.equals(EventType.COMPLAINT_MESSAGE_ADDED.name())) {
      return "to-customer".equals(EventFields.text(event.data(), "direction", true))
          ? MessageKind.REPLY
          : null;
    }
    if (type.equals(EventType.COMPLAINT_WAITING_FOR_CUSTOMER.name())) {
      return MessageKind.WAITING_FOR_CUSTOMER;
    }
    if (type.equals(EventType.COMPLAINT_RESOLVED.name())) {
      return MessageKind.RESOLVED;
    }
    if (type.equals(EventType.COMPLAINT_REOPENED.name())) {
      return MessageKind.REOPENED;
    }
    if (type.equals(EventType.COMPLAINT_CLOSED.name())) {
      return MessageKind.CLOSED;
    }
    return null;
  }

  /** Deliveries for a complaint lifecycle event. */
  public Uni<Integer> complaintEvent(InboundEvent event, SqlConnection conn) {
    MessageKind kind = kindOf(event);
    if (kind == null) {
      return Uni.createFrom().item(0);
    }
    UUID complaintId = EventFields.uuid(event.data(), "complaintId");
    String text =
        switch (kind) {
          case REPLY -> EventFields.text(event.data(), "text", true);
          case WAITING_FOR_CUSTOMER -> optional(event.data(), "reason");
          case RESOLVED -> optional(event.data(), "summary");
          case REOPENED -> optional(event.data(), "reason");
          default -> null;
        };
    return conn.preparedQuery(
            "select number, channel, external_id, customer_id, customer_name, customer_phone,"
                + " customer_email, subject from complaint where id = $1")
        .execute(Tuple.of(complaintId))
        .chain(
            rows -> {
              if (rows.rowCount() == 0) {
                throw new PoisonEventException("no complaint " + complaintId);
              }
              Row c = rows.iterator().next();
              Channel channel = Channel.valueOf(c.getString("channel")); // stored by name (JPA)
              MessageFacts facts =
                  new MessageFacts(
                      kind.json(),
                      complaintId,
                      c.getString("number"),
                      channel.json(),
                      c.getString("external_id"),
                      c.getString("customer_id"),
                      c.getString("customer_name"),
                      c.getString("customer_phone"),
                      c.getString("customer_email"),
                      c.getString("subject"),
                      text,
                      null,
                      null,
                      null,
                      null,
                      event.time());
              return plan(
                  conn,
                  event,
                  kind,
                  facts,
                  channel == Channel.EMAIL
                      ? List.of(EndpointChannel.SMS)
                      : EndpointChannel.serving(channel),
                  channel == Channel.EMAIL);
            });
  }

  /** Deliveries for a {@code notification.requested} (survey invitation, incident notice). */
  public Uni<Integer> notification(InboundEvent event, SqlConnection conn) {
    JsonNode data = event.data();
    MessageKind kind = MessageKind.fromJson(EventFields.text(data, "purpose", true));
    if (kind != MessageKind.SURVEY_INVITATION && kind != MessageKind.INCIDENT_UPDATE) {
      throw new PoisonEventException("notification purpose " + data.get("purpose") + " unknown");
    }
    String channel = EventFields.text(data, "channel", true);
    JsonNode recipient = data.get("recipient");
    if (recipient == null || !recipient.isObject()) {
      throw new PoisonEventException("notification without a recipient");
    }
    String complaintId = optional(data, "complaintId");
    MessageFacts facts =
        new MessageFacts(
            kind.json(),
            complaintId == null ? null : UUID.fromString(complaintId),
            null,
            null,
            null,
            optional(recipient, "customerId"),
            optional(recipient, "name"),
            optional(recipient, "phone"),
            optional(recipient, "email"),
            null,
            optional(data, "text"),
            optional(data, "link"),
            optional(data, "subject"),
            optional(data, "locale"),
            data.hasNonNull("expiresAt")
                ? OffsetDateTime.parse(data.get("expiresAt").asText())
                : null,
            event.time());
    Uni<MessageFacts> withComplaint =
        facts.complaintId() == null
            ? Uni.createFrom().item(facts)
            : conn.preparedQuery("select number, channel, external_id from complaint where id = $1")
                .execute(Tuple.of(facts.complaintId()))
                .map(
                    rows -> {
                      if (rows.rowCount() == 0) {
                        return facts;
                      }
                      Row c = rows.iterator().next();
                      return new MessageFacts(
                          facts.kind(),
                          facts.complaintId(),
                          c.getString("number"),
                          Channel.valueOf(c.getString("channel")).json(),
                          c.getString("external_id"),
                          facts.customerId(),
                          facts.customerName(),
                          facts.phone(),
                          facts.email(),
                          facts.complaintSubject(),
                          facts.text(),
                          facts.link(),
                          facts.subject(),
                          facts.locale(),
                          facts.expiresAt(),
                          facts.occurredAt());
                    });
    return withComplaint.chain(
        f ->
            plan(
                conn,
                event,
                kind,
                f,
                "email".equals(channel)
                    ? List.of(EndpointChannel.SMS)
                    : EndpointChannel.forNotification(channel),
                "email".equals(channel)));
  }

  /** Inserts the deliveries; the number planned. */
  private Uni<Integer> plan(
      SqlConnection conn,
      InboundEvent event,
      MessageKind kind,
      MessageFacts facts,
      List<EndpointChannel> channels,
      boolean mailFirst) {
    OffsetDateTime now = Timestamps.now(clock);
    return endpoints
        .wanting(conn, channels, kind)
        .chain(
            connections ->
                undeliverable
                    .isUndeliverable(conn, facts.email())
                    .chain(
                        bounced -> {
                          List<Tuple> rows = new ArrayList<>();
                          // A connection that needs the phone cannot serve a customer without one.
                          List<Endpoint> usable =
                              connections.stream()
                                  .filter(e -> !e.channel().needsPhone() || facts.phone() != null)
                                  .toList();
                          boolean mailable = facts.email() != null && !bounced;
                          if (mailable && (mailFirst || usable.isEmpty())) {
                            rows.add(row(event, kind, facts, null, now, mailFacts(facts)));
                          } else {
                            for (Endpoint e : usable) {
                              rows.add(row(event, kind, facts, e, now, forEndpoint(facts, e)));
                            }
                          }
                          if (rows.isEmpty()) {
                            return Uni.createFrom().item(0);
                          }
                          return conn.preparedQuery(
                                  "insert into delivery (id, transport, endpoint_id, address,"
                                      + " order_key, complaint_id, kind, source_event, facts,"
                                      + " status, next_attempt_at, created_at, retry_from) values"
                                      + " ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10,"
                                      + " $11, $11) on conflict (source_event, transport,"
                                      + " order_key) do nothing")
                              .executeBatch(rows)
                              .replaceWith(rows.size());
                        }));
  }

  private Tuple row(
      InboundEvent event,
      MessageKind kind,
      MessageFacts facts,
      Endpoint endpoint,
      OffsetDateTime now,
      MessageFacts stored) {
    String route = endpoint == null ? "mail:" + facts.email() : "endpoint:" + endpoint.id();
    // Notices (survey invitations, incident notices) keep an order of their own, so one held by
    // quiet hours never holds up the complaint's answers.
    String subjectKey =
        (facts.complaintId() != null
                ? facts.complaintId().toString()
                : "customer:" + facts.customerId())
            + (kind.unsolicited() ? "|notices" : "");
    OffsetDateTime first = now;
    if (kind == MessageKind.RECEIPT) {
      first = now.plus(settings.delivery().receiptHold());
    }
    if (endpoint != null && endpoint.quietHours() && kind.unsolicited()) {
      first = QuietHours.endOf(first, settings.delivery().quietHours());
    }
    return Tuple.from(
        new Object[] {
          TimeOrderedIds.next(),
          endpoint == null ? "email" : "webhook",
          endpoint == null ? null : endpoint.id(),
          endpoint == null ? facts.email() : null,
          route + "|" + subjectKey,
          facts.complaintId(),
          kind.json(),
          event.id(),
          write(stored),
          first,
          now
        });
  }

  /** Phone and e-mail only to the route that needs them. */
  private static MessageFacts forEndpoint(MessageFacts f, Endpoint e) {
    return withContacts(f, e.channel().needsPhone() ? f.phone() : null, null);
  }

  private static MessageFacts mailFacts(MessageFacts f) {
    return withContacts(f, null, f.email());
  }

  private static MessageFacts withContacts(MessageFacts f, String phone, String email) {
    return new MessageFacts(
        f.kind(),
        f.complaintId(),
        f.number(),
        f.channel(),
        f.externalId(),
        f.customerId(),
        f.customerName(),
        phone,
        email,
        f.complaintSubject(),
        f.text(),
        f.link(),
        f.subject(),
        f.locale(),
        f.expiresAt(),
        f.occurredAt());
  }

  private String write(MessageFacts facts) {
    try {
      return json.writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String optional(JsonNode data, String field) {
    JsonNode node = data.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }
}
