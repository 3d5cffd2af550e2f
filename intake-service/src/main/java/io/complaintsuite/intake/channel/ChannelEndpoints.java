package io.complaintsuite.intake.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.intake.settings.IntakeSettings;
import io.complaintsuite.platform.ids.TimeOrderedIds;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The channel connections: every change in one transaction with its audit entry. */
@ApplicationScoped
public class ChannelEndpoints {
  /** The languages of the customers' texts: one list for connections and templates. */
  public static final List<String> LOCALES = List.of("zh-CN", "en");

  private final Pool pool;
  private final Clock clock;
  private final SigningSecrets secrets;
  private final TargetPolicy targets;
  private final ObjectMapper json;
  private final IntakeSettings settings;
  private final ConnectionHealthReports health;

  public ChannelEndpoints(
      Pool pool,
      Clock clock,
      SigningSecrets secrets,
      TargetPolicy targets,
      ObjectMapper json,
      IntakeSettings settings,
      ConnectionHealthReports health) {
    this.health = health;
    this.pool = pool;
    this.clock = clock;
    this.secrets = secrets;
    this.targets = targets;
    this.json = json;
    this.settings = settings;
  }

  /** What an admin sends to register a connection. */
  public record NewEndpoint(
      String name,
      String channel,
      String url,
      List<String> kinds,
      String locale,
      Boolean quietHours,
      String secret) {}

  /** A change: absent fields stay as they are. */
  public record EndpointChange(
      String name,
      String url,
      List<String> kinds,
      String locale,
      Boolean quietHours,
      Boolean enabled) {}

  public record AuditEntry(
      long id, OffsetDateTime at, String actor, String action, Map<String, Object> changes) {}

  public Uni<Endpoint> create(NewEndpoint body, String actor) {
    if (body == null) {
      throw ProblemException.badField("body", "is required");
    }
    String name = name(body.name());
    EndpointChannel channel = EndpointChannel.fromJson(body.channel());
    if (channel == null) {
      throw ProblemException.badField("channel", "must be one of " + EndpointChannel.names());
    }
    if (body.url() == null) {
      throw ProblemException.badField("url", "is required");
    }
    String url = targets.check(body.url(), "url").toString();
    List<String> kinds = kinds(body.kinds());
    String locale = locale(body.locale() == null ? "zh-CN" : body.locale());
    boolean quiet = body.quietHours() == null ? channel == EndpointChannel.SMS : body.quietHours();
    byte[] key = SigningSecrets.parse(body.secret(), "secret");
    OffsetDateTime now = Timestamps.now(clock);
    UUID id = TimeOrderedIds.next();
    String fingerprint = SigningSecrets.fingerprint(key);
    Map<String, Object> audit = new LinkedHashMap<>();
    audit.put("name", name);
    audit.put("channel", channel.json());
    audit.put("url", url);
    audit.put("kinds", kinds);
    audit.put("locale", locale);
    audit.put("quietHours", quiet);
    audit.put("secret", fingerprint);
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(
                    "insert into channel_endpoint (id, name, channel, url, kinds, locale,"
                        + " quiet_hours, enabled, secret_current, secret_current_fingerprint,"
                        + " secret_current_since, version, created_at, updated_at) values ($1, $2,"
                        + " $3, $4, $5, $6, $7, true, $8, $9, $10, 1, $10, $10)")
                .execute(
                    Tuple.from(
                        new Object[] {
                          id,
                          name,
                          channel.json(),
                          url,
                          kinds.toArray(String[]::new),
                          locale,
                          quiet,
                          Buffer.buffer(secrets.seal(key)),
                          fingerprint,
                          now
                        }))
                .onFailure(ChannelEndpoints::nameTaken)
                .transform(
                    e -> ProblemException.conflict("a connection named '" + name + "' exists"))
                .chain(() -> audit(conn, id, now, actor, "created", audit))
                .chain(() -> load(conn, id)));
  }

  public Uni<Endpoint> change(UUID id, EndpointChange body, String actor) {
    if (body == null) {
      throw ProblemException.badField("body", "is required");
    }
    OffsetDateTime now = Timestamps.now(clock);
    Map<String, Object> audit = new LinkedHashMap<>();
    List<String> sets = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    values.add(id);
    values.add(now);
    if (body.name() != null) {
      set(sets, values, audit, "name", "name", name(body.name()));
    }
    if (body.url() != null) {
      set(sets, values, audit, "url", "url", targets.check(body.url(), "url").toString());
    }
    if (body.kinds() != null) {
      List<String> kinds = kinds(body.kinds());
      sets.add("kinds = $" + (values.size() + 1));
      values.add(kinds.toArray(String[]::new));
      audit.put("kinds", kinds);
    }
    if (body.locale() != null) {
      set(sets, values, audit, "locale", "locale", locale(body.locale()));
    }
    if (body.quietHours() != null) {
      set(sets, values, audit, "quiet_hours", "quietHours", body.quietHours());
    }
    if (body.enabled() != null) {
      set(sets, values, audit, "enabled", "enabled", body.enabled());
      values.add(body.enabled() ? null : "disabled by " + actor);
      sets.add("disabled_reason = $" + values.size() + "::text");
    }
    if (sets.isEmpty()) {
      throw ProblemException.badField("body", "changes nothing");
    }
    String sql =
        "update channel_endpoint set "
            + String.join(", ", sets)
            + ", version = version + 1, updated_at = $2 where id = $1 and deleted_at is null";
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(sql)
                .execute(Tuple.from(values))
                .onFailure(ChannelEndpoints::nameTaken)
                .transform(e -> ProblemException.conflict("that connection name is taken"))
                .chain(
                    rows -> {
                      if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("connection " + id);
                      }
                      return audit(conn, id, now, actor, "changed", audit);
                    })
                .call(
                    () ->
                        body.enabled() == null
                            ? Uni.createFrom().voidItem()
                            : health.report(
                                conn,
                                id,
                                body.enabled()
                                    ? ConnectionHealthReports.HEALTHY
                                    : ConnectionHealthReports.DISABLED,
                                body.enabled() ? null : "disabled by " + actor,
                                false))
                .call(
                    () ->
                        Boolean.TRUE.equals(body.enabled())
                            // Waiting while disabled does not count against the 24 hours.
                            ? conn.preparedQuery(
                                    "update delivery set retry_from = $2, next_attempt_at = $2"
                                        + " where endpoint_id = $1 and status = 'pending'")
                                .execute(Tuple.of(id, now))
                            : Uni.createFrom().voidItem())
                .chain(() -> load(conn, id)));
  }

  /** A new signing secret; the one it replaces keeps signing for the configured overlap. */
  public Uni<Endpoint> rotate(UUID id, String secret, String actor) {
    byte[] key = SigningSecrets.parse(secret, "secret");
    OffsetDateTime now = Timestamps.now(clock);
    OffsetDateTime until = now.plus(settings.delivery().previousSecretValidFor());
    String fingerprint = SigningSecrets.fingerprint(key);
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(
                    "update channel_endpoint set secret_previous = secret_current,"
                        + " secret_previous_fingerprint = secret_current_fingerprint,"
                        + " secret_previous_until = $2, secret_current = $3,"
                        + " secret_current_fingerprint = $4, secret_current_since = $5,"
                        + " version = version + 1, updated_at = $5 where id = $1 and deleted_at is"
                        + " null returning secret_previous_fingerprint")
                .execute(Tuple.of(id, until, Buffer.buffer(secrets.seal(key)), fingerprint, now))
                .chain(
                    rows -> {
                      if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("connection " + id);
                      }
                      Map<String, Object> audit = new LinkedHashMap<>();
                      audit.put("secret", fingerprint);
                      audit.put("previousSecret", rows.iterator().next().getString(0));
                      audit.put("previousValidUntil", until.toString());
                      return audit(conn, id, now, actor, "secret-rotated", audit);
                    })
                .chain(() -> load(conn, id)));
  }

  /** Removed: nothing more is delivered to it; its delivery log stays. */
  public Uni<Void> delete(UUID id, String actor) {
    OffsetDateTime now = Timestamps.now(clock);
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(
                    "update channel_endpoint set deleted_at = $2, enabled = false, version ="
                        + " version + 1, updated_at = $2 where id = $1 and deleted_at is null")
                .execute(Tuple.of(id, now))
                .chain(
                    rows -> {
                      if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("connection " + id);
                      }
                      return conn.preparedQuery(
                              "update delivery set status = 'cancelled', last_error = 'connection"
                                  + " deleted' where endpoint_id = $1 and status = 'pending'")
                          .execute(Tuple.of(id));
                    })
                .chain(
                    rows ->
                        audit(
                            conn,
                            id,
                            now,
                            actor,
                            "deleted",
                            Map.of("cancelled", rows.rowCount()))));
  }

  /** A receiver answered 410 Gone: no more requests until an admin enables it again. */
  public Uni<Void> disableGone(UUID id, String reason) {
    OffsetDateTime now = Timestamps.now(clock);
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(
                    "update channel_endpoint set enabled = false, disabled_reason = $2, version ="
                        + " version + 1, updated_at = $3 where id = $1 and enabled")
                .execute(Tuple.of(id, reason, now))
                .chain(
                    rows ->
                        rows.rowCount() == 0
                            ? Uni.createFrom().voidItem()
                            : audit(conn, id, now, "delivery", "disabled", Map.of("reason", reason))
                                .chain(
                                    () ->
                                        health.report(
                                            conn,
                                            id,
                                            ConnectionHealthReports.DISABLED,
                                            reason,
                                            false))));
  }

  public Uni<Endpoint> get(UUID id) {
    return pool.withConnection(conn -> load(conn, id));
  }

  public Uni<List<Endpoint>> list() {
    return pool.preparedQuery(
            "select "
                + Endpoint.COLUMNS
                + " from channel_endpoint where deleted_at is null order by name")
        .execute()
        .map(rows -> map(rows));
  }

  /** Live connections of the given channels that want {@code kind}. */
  public Uni<List<Endpoint>> wanting(
      SqlConnection conn, Collection<EndpointChannel> channels, MessageKind kind) {
    if (channels.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return conn.preparedQuery(
            "select "
                + Endpoint.COLUMNS
                + " from channel_endpoint where deleted_at is null and channel = any($1) and $2 ="
                + " any(kinds) order by created_at")
        .execute(
            Tuple.of(
                channels.stream().map(EndpointChannel::json).toArray(String[]::new), kind.json()))
        .map(rows -> map(rows));
  }

  public Uni<List<Endpoint>> byIds(Set<UUID> ids) {
    return pool.preparedQuery(
            "select " + Endpoint.COLUMNS + " from channel_endpoint where id = any($1)")
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(rows -> map(rows));
  }

  public Uni<List<AuditEntry>> audit(UUID id) {
    return get(id)
        .chain(
            e ->
                pool.preparedQuery(
                        "select id, at, actor, action, changes from channel_endpoint_audit where"
                            + " endpoint_id = $1 order by id")
                    .execute(Tuple.of(id)))
        .map(
            rows -> {
              List<AuditEntry> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new AuditEntry(
                        r.getLong("id"),
                        r.getOffsetDateTime("at"),
                        r.getString("actor"),
                        r.getString("action"),
                        readMap(r.getString("changes"))));
              }
              return out;
            });
  }

  public byte[] key(byte[] sealed) {
    return secrets.unseal(sealed);
  }

  private Uni<Endpoint> load(SqlConnection conn, UUID id) {
    return conn.preparedQuery(
            "select "
                + Endpoint.COLUMNS
                + " from channel_endpoint where id = $1 and deleted_at is null")
        .execute(Tuple.of(id))
        .map(
            rows -> {
              if (rows.rowCount() == 0) {
                throw ProblemException.notFound("connection " + id);
              }
              return Endpoint.from(rows.iterator().next());
            });
  }

  private Uni<Void> audit(
      SqlConnection conn,
      UUID id,
      OffsetDateTime at,
      String actor,
      String action,
      Map<String, ?> changes) {
    String text;
    try {
      text = json.writeValueAsString(changes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return conn.preparedQuery(
            "insert into channel_endpoint_audit (endpoint_id, at, actor, action, changes) values"
                + " ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(id, at, actor, action, text))
        .replaceWithVoid();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> readMap(String text) {
    try {
      return json.readValue(text, Map.class);
    } catch (JsonProcessingException e) {
      return Map.of("unreadable", text);
    }
  }

  private static List<Endpoint> map(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    List<Endpoint> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(Endpoint.from(r));
    }
    return out;
  }

  private static boolean nameTaken(Throwable e) {
    return e.getMessage() != null && e.getMessage().contains("channel_endpoint_name");
  }

  private static void set(
      List<String> sets,
      List<Object> values,
      Map<String, Object> audit,
      String column,
      String field,
      Object value) {
    values.add(value);
    sets.add(column + " = $" + values.size());
    audit.put(field, value);
  }

  private static String name(String name) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ProblemException.badField("name", "is required, 1 to 100 characters");
    }
    return name.strip();
  }

  private static String locale(String locale) {
    for (String l : LOCALES) {
      if (l.equalsIgnoreCase(locale)) {
        return l;
      }
    }
    throw ProblemException.badField("locale", "must be one of " + LOCALES);
  }

  private static List<String> kinds(List<String> kinds) {
    if (kinds == null || kinds.isEmpty()) {
      throw ProblemException.badField("kinds", "must list at least one of " + MessageKind.names());
    }
    List<String> out = new ArrayList<>();
    for (String k : kinds) {
      MessageKind kind = k == null ? null : MessageKind.fromJson(k.toLowerCase(Locale.ROOT));
      if (kind == null) {
        throw ProblemException.badField(
            "kinds", "'" + k + "' is not one of " + MessageKind.names());
      }
      if (!out.contains(kind.json())) {
        out.add(kind.json());
      }
    }
    return out;
  }
}
