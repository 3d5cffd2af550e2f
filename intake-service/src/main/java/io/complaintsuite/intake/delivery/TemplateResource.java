package io.complaintsuite.intake.delivery;

import io.complaintsuite.intake.channel.MessageKind;
import io.complaintsuite.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** The customer message templates: read by supervisors, edited by admins. */
@Path("/api/v1/message-templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {
  private final Messages messages;
  private final io.vertx.mutiny.sqlclient.Pool pool;
  private final SecurityIdentity identity;
  private final Clock clock;

  public TemplateResource(
      Messages messages,
      io.vertx.mutiny.sqlclient.Pool pool,
      SecurityIdentity identity,
      Clock clock) {
    this.messages = messages;
    this.pool = pool;
    this.identity = identity;
    this.clock = clock;
  }

  /** An admin's text for a kind and locale. */
  public record TemplateText(String subject, String body) {}

  @GET
  @RolesAllowed({"supervisor", "admin"})
  @Operation(summary = "The texts in force for every kind and locale")
  public Uni<List<Messages.MessageTemplate>> templates() {
    List<Uni<Messages.MessageTemplate>> all = new ArrayList<>();
    for (MessageKind kind : MessageKind.values()) {
      for (String locale : Messages.LOCALES) {
        all.add(messages.template(kind, locale));
      }
    }
    return Uni.join().all(all).andFailFast();
  }

  @PUT
  @Path("{kind}/{locale}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("admin")
  @Operation(
      summary =
          "Edit a text (Qute: {number}, {customerName}, {priority}, {promise}, {text}, {link}, {subject})")
  public Uni<Messages.MessageTemplate> put(
      @RestPath String kind, @RestPath String locale, TemplateText body) {
    MessageKind k = kindOf(kind);
    String l = localeOf(locale);
    if (body == null) {
      throw ProblemException.badField("body", "is required");
    }
    messages.validate(k, l, body.subject(), body.body());
    return pool.preparedQuery(
            "insert into message_template (kind, locale, subject, body, updated_by, updated_at)"
                + " values ($1, $2, $3, $4, $5, $6) on conflict (kind, locale) do update set"
                + " subject = excluded.subject, body = excluded.body, updated_by ="
                + " excluded.updated_by, updated_at = excluded.updated_at")
        .execute(
            io.vertx.mutiny.sqlclient.Tuple.from(
                new Object[] {
                  k.json(),
                  l,
                  body.subject(),
                  body.body(),
                  identity.getPrincipal().getName(),
                  io.complaintsuite.platform.time.Timestamps.now(clock)
                }))
        .chain(() -> messages.template(k, l));
  }

  @DELETE
  @Path("{kind}/{locale}")
  @RolesAllowed("admin")
  @Operation(summary = "Back to the shipped text")
  public Uni<RestResponse<Void>> reset(@RestPath String kind, @RestPath String locale) {
    MessageKind k = kindOf(kind);
    String l = localeOf(locale);
    return pool.preparedQuery("delete from message_template where kind = $1 and locale = $2")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(k.json(), l))
        .map(rows -> RestResponse.noContent());
  }

  private static MessageKind kindOf(String kind) {
    MessageKind k = MessageKind.fromJson(kind);
    if (k == null) {
      throw ProblemException.badField("kind", "must be one of " + MessageKind.names());
    }
    return k;
  }

  private static String localeOf(String locale) {
    if (!Messages.LOCALES.contains(locale)) {
      throw ProblemException.badField("locale", "must be one of " + Messages.LOCALES);
    }
    return locale;
  }
}
