package io.complaintsuite.routing.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.platform.lock.AdvisoryLock;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.analysis.Catalogs;
import io.complaintsuite.routing.analysis.Models;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The problem-type catalogue in versions, like rule sets: an administrator writes a draft (the
 * whole list of types), activates it, and the types of {@code problem_type} are replaced in the
 * same transaction, so routing, agents' skills and rule validation see one catalogue. No migration
 * is needed for a new type; the classifier learns it from examples and retraining.
 */
@ApplicationScoped
public class CatalogueVersions {
  static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,39}");
  static final Set<String> PRIORITIES = Set.of("urgent", "general", "low");
  private static final AdvisoryLock LOCK = new AdvisoryLock("routing-catalogue-versions");
  private static final TypeReference<List<TypeEntry>> TYPES = new TypeReference<>() {};

  /** One problem type of a catalogue version. */
  public record TypeEntry(
      String code, String name, String department, String defaultPriority, String description) {}

  public record Version(
      int version,
      String status,
      String description,
      List<TypeEntry> types,
      String createdBy,
      OffsetDateTime createdAt,
      OffsetDateTime activatedAt) {}

  /** An activated version, and its types the model in force has never seen an example of. */
  public record Activation(Version version, List<String> untrainedTypes, String advice) {}

  private final Pool pool;
  private final ObjectMapper json;
  private final Clock clock;
  private final Catalogs catalogs;
  private final Models models;

  public CatalogueVersions(
      Pool pool, ObjectMapper json, Clock clock, Catalogs catalogs, Models models) {
    this.pool = pool;
    this.json = json;
    this.clock = clock;
    this.catalogs = catalogs;
    this.models = models;
  }

  public Uni<List<Version>> all() {
    return pool.query("select * from catalogue_version order by version desc")
        .execute()
        .map(
            rows -> {
              List<Version> all = new ArrayList<>();
              rows.forEach(r -> all.add(version(r)));
              return all;
            });
  }

  /** Validates {@code types} (400 naming e.g. {@code types[2].department}) and stores a draft. */
  public Uni<Version> draft(String description, List<TypeEntry> types, String author) {
    if (types == null || types.isEmpty()) {
      throw ProblemException.badField("types", "must list at least one problem type");
    }
    if (types.size() > 200) {
      throw ProblemException.badField("types", "must list at most 200 problem types");
    }
    return pool.query("select code from department")
        .execute()
        .map(
            rows -> {
              Set<String> departments = new HashSet<>();
              rows.forEach(r -> departments.add(r.getString("code")));
              return departments;
            })
        .chain(
            departments -> {
              List<TypeEntry> clean = validate(types, departments);
              String stored;
              try {
                stored = json.writeValueAsString(clean);
              } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
              }
              return pool.withTransaction(
                  conn ->
                      LOCK.lock(conn)
                          .chain(
                              () ->
                                  conn.preparedQuery(
                                          "insert into catalogue_version (version, status,"
                                              + " description, types, created_by, created_at)"
                                              + " select coalesce(max(version), 0) + 1, 'draft',"
                                              + " $1, $2, $3, $4 from catalogue_version"
                                              + " returning *")
                                      .execute(
                                          Tuple.of(
                                              description,
                                              stored,
                                              author,
                                              Timestamps.now(clock)))));
            })
        .map(rows -> version(rows.iterator().next()));
  }

  /** Makes {@code v} the catalogue in force: its types replace those of problem_type. */
  public Uni<Activation> activate(int v) {
    OffsetDateTime now = Timestamps.now(clock);
    return pool.withTransaction(
            conn ->
                LOCK.lock(conn)
                    .chain(() -> find(conn, v))
                    .chain(
                        version -> {
                          if ("active".equals(version.status())) {
                            return Uni.createFrom().item(version);
                          }
                          return conn.query(
                                  "update catalogue_version set status = 'retired' where status"
                                      + " = 'active'")
                              .execute()
                              .chain(
                                  () ->
                                      conn.preparedQuery(
                                              "update catalogue_version set status = 'active',"
                                                  + " activated_at = $2 where version = $1"
                                                  + " returning *")
                                          .execute(Tuple.of(v, now)))
                              .chain(rows -> replaceTypes(conn, version).replaceWith(rows))
                              .map(rows -> version(rows.iterator().next()));
                        }))
        .invoke(catalogs::invalidate)
        .map(
            version -> {
              Set<String> known = models.current().classifier().problemTypes();
              List<String> untrained =
                  version.types().stream()
                      .map(TypeEntry::code)
                      .filter(code -> !known.contains(code))
                      .toList();
              return new Activation(
                  version,
                  untrained,
                  untrained.isEmpty()
                      ? "every type is known to the model in force"
                      : "the model in force has no example of "
                          + String.join(", ", untrained)
                          + ": add examples (POST /api/v1/classifier/examples) or let agents"
                          + " reclassify complaints, then retrain (POST /api/v1/classifier/models)");
            });
  }

  private Uni<Void> replaceTypes(SqlConnection conn, Version version) {
    List<Tuple> rows = new ArrayList<>();
    for (TypeEntry t : version.types()) {
      rows.add(
          Tuple.of(
              t.code(),
              t.name(),
              t.department(),
              t.defaultPriority(),
              t.description() == null ? "" : t.description()));
    }
    return conn.query("delete from problem_type")
        .execute()
        .chain(
            () ->
                conn.preparedQuery(
                        "insert into problem_type (code, name, department, default_priority,"
                            + " description) values ($1, $2, $3, $4, $5)")
                    .executeBatch(rows))
        .replaceWithVoid();
  }

  private Uni<Version> find(SqlConnection conn, int v) {
    return conn.preparedQuery("select * from catalogue_version where version = $1")
        .execute(Tuple.of(v))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw ProblemException.notFound("catalogue version " + v);
              }
              return version(rows.iterator().next());
            });
  }

  static List<TypeEntry> validate(List<TypeEntry> types, Set<String> departments) {
    Set<String> codes = new HashSet<>();
    List<TypeEntry> clean = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      TypeEntry t = types.get(i);
      String at = "types[" + i + "]";
      if (t == null) {
        throw ProblemException.badField(at, "must not be null");
      }
      if (t.code() == null || !CODE.matcher(t.code()).matches()) {
        throw ProblemException.badField(at + ".code", "must match " + CODE.pattern());
      }
      if (!codes.add(t.code())) {
        throw ProblemException.badField(at + ".code", "'" + t.code() + "' is listed twice");
      }
      if (t.name() == null || t.name().isBlank() || t.name().length() > 100) {
        throw ProblemException.badField(at + ".name", "must be 1 to 100 characters");
      }
      if (t.department() == null || !departments.contains(t.department())) {
        throw ProblemException.badField(
            at + ".department", "'" + t.department() + "' is not a department");
      }
      if (t.defaultPriority() == null || !PRIORITIES.contains(t.defaultPriority())) {
        throw ProblemException.badField(
            at + ".defaultPriority", "must be one of urgent, general, low");
      }
      if (t.description() != null && t.description().length() > 1000) {
        throw ProblemException.badField(at + ".description", "must be at most 1000 characters");
      }
      clean.add(
          new TypeEntry(
              t.code(),
              t.name().strip(),
              t.department(),
              t.defaultPriority(),
              t.description() == null ? "" : t.description().strip()));
    }
    return clean;
  }

  private Version version(Row r) {
    try {
      return new Version(
          r.getInteger("version"),
          r.getString("status"),
          r.getString("description"),
          json.readValue(r.getString("types"), TYPES),
          r.getString("created_by"),
          r.getOffsetDateTime("created_at"),
          r.getOffsetDateTime("activated_at"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("catalogue version " + r.getInteger("version"), e);
    }
  }
}
