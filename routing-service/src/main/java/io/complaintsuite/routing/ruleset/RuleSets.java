package io.complaintsuite.routing.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.analysis.Analysis;
import io.complaintsuite.routing.analysis.Catalogs;
import io.complaintsuite.routing.analysis.ComplaintAnalyzer;
import io.complaintsuite.routing.analysis.Models;
import io.complaintsuite.routing.analysis.ProblemTypeCatalog;
import io.complaintsuite.routing.analysis.RoutingInput;
import io.complaintsuite.routing.classifier.Corpus;
import io.complaintsuite.routing.classifier.Evaluation;
import io.complaintsuite.routing.classifier.LabelledComplaint;
import io.complaintsuite.routing.classifier.Prediction;
import io.complaintsuite.routing.department.Department;
import io.complaintsuite.routing.department.ProblemType;
import io.complaintsuite.routing.rules.Rule;
import io.complaintsuite.routing.rules.RuleBook;
import io.complaintsuite.routing.settings.RoutingSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.tuples.Tuple3;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rule-set versions: the active one (compiled once per version, re-read from the database on every
 * complaint so an activation on any replica takes effect for the next complaint), drafts, and
 * validation by dry-run over the labelled complaints before activation.
 */
@ApplicationScoped
public class RuleSets {
  private static final TypeReference<List<Rule>> RULES = new TypeReference<>() {};

  private final ObjectMapper json;
  private final Clock clock;
  private final Models models;
  private final Catalogs catalogs;
  private final double minAccuracy;
  private final AtomicReference<RuleBook> cached = new AtomicReference<>();

  public RuleSets(
      ObjectMapper json, Clock clock, Models models, Catalogs catalogs, RoutingSettings settings) {
    this.json = json;
    this.clock = clock;
    this.models = models;
    this.catalogs = catalogs;
    this.minAccuracy = settings.rules().minAccuracy();
  }

  /** The active rules; needs a Hibernate Reactive session. */
  public Uni<RuleBook> active() {
    return Panache.getSession()
        .chain(
            s ->
                s.createSelectionQuery(
                        "select version from RuleSet where status = 'active'", Integer.class)
                    .getSingleResultOrNull())
        .chain(
            version -> {
              if (version == null) {
                return Uni.createFrom().item(RuleBook.of(0, List.of()));
              }
              RuleBook book = cached.get();
              if (book != null && book.version() == version) {
                return Uni.createFrom().item(book);
              }
              return RuleSet.<RuleSet>findById(version)
                  .map(
                      set -> {
                        RuleBook compiled = book(set);
                        cached.set(compiled);
                        return compiled;
                      });
            });
  }

  /**
   * The rules this replica compiled last, or null: the complaint hot path analyses with them and
   * checks in the same query that reads the agents that they are still the active version.
   */
  public RuleBook lastSeen() {
    return cached.get();
  }

  /**
   * The active version {@code version} (null: none), read on a plain SQL connection if not cached.
   */
  public Uni<RuleBook> active(SqlConnection conn, Integer version) {
    if (version == null) {
      return Uni.createFrom().item(RuleBook.of(0, List.of()));
    }
    RuleBook book = cached.get();
    if (book != null && book.version() == version) {
      return Uni.createFrom().item(book);
    }
    return conn.preparedQuery("select rules from rule_set where version = $1")
        .execute(Tuple.of(version))
        .map(
            rows -> {
              RuleSet set = new RuleSet();
              set.version = version;
              set.rules = rows.iterator().next().getString("rules");
              RuleBook compiled = book(set);
              cached.set(compiled);
              return compiled;
            });
  }

  public RuleBook book(RuleSet set) {
    return RuleBook.of(set.version, rules(set));
  }

  public List<Rule> rules(RuleSet set) {
    try {
      return json.readValue(set.rules, RULES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("rule set " + set.version + " is not valid JSON", e);
    }
  }

  /** Stores {@code rules} as a new draft version. */
  public Uni<RuleSet> createDraft(String description, List<Rule> rules, String author) {
    return ProblemType.<ProblemType>listAll()
        .map(types -> types.stream().map(t -> t.code).collect(Collectors.toSet()))
        .chain(
            types ->
                Department.<Department>listAll()
                    .map(all -> all.stream().map(d -> d.code).collect(Collectors.toSet()))
                    .invoke(departments -> RuleBook.validate(rules, types, departments)))
        .chain(
            checked -> {
              return Panache.getSession()
                  .chain(
                      s ->
                          s.createSelectionQuery(
                                  "select coalesce(max(version), 0) from RuleSet", Integer.class)
                              .getSingleResult());
            })
        .chain(
            max -> {
              RuleSet set = new RuleSet();
              set.version = max + 1;
              set.status = RuleSet.DRAFT;
              set.description = description;
              try {
                set.rules = json.writeValueAsString(rules);
              } catch (JsonProcessingException e) {
                throw ProblemException.badField("rules", "cannot be stored: " + e.getMessage());
              }
              set.createdBy = author;
              set.createdAt = Timestamps.now(clock);
              return set.<RuleSet>persist();
            });
  }

  public Uni<RuleSet> find(int version) {
    return RuleSet.<RuleSet>findById(version)
        .map(
            set -> {
              if (set == null) {
                throw ProblemException.notFound("rule set " + version);
              }
              return set;
            });
  }

  /**
   * Dry-runs {@code version} and the active set over the labelled complaints. The rules are read in
   * a session of their own; the seconds of classification run on a worker thread, and the result
   * comes back on the caller's Vert.x context (where a Hibernate session may follow).
   */
  public Uni<Validation> validate(int version) {
    Context context = Vertx.currentContext();
    return Panache.withSession(
            () ->
                find(version)
                    .chain(
                        candidate ->
                            active()
                                .chain(
                                    current ->
                                        catalogs
                                            .problemTypes()
                                            .map(
                                                catalog ->
                                                    Tuple3.of(book(candidate), current, catalog)))))
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(t -> compare(t.getItem1(), t.getItem2(), t.getItem3()))
        .emitOn(context == null ? Runnable::run : work -> context.runOnContext(v -> work.run()));
  }

  Validation compare(RuleBook candidate, RuleBook active, ProblemTypeCatalog catalog) {
    List<LabelledComplaint> heldOut = Corpus.heldOut();
    ComplaintAnalyzer analyzer = models.current();
    Map<String, Prediction> predictions = new HashMap<>();
    Function<String, Prediction> predict =
        text -> predictions.computeIfAbsent(text, t -> analyzer.classifier().rank(t));
    Evaluation after = evaluate(heldOut, candidate, catalog, analyzer, predict);
    Evaluation before = evaluate(heldOut, active, catalog, analyzer, predict);
    List<Validation.Change> changes = new ArrayList<>();
    // Changes are listed over the training corpus only: held-out texts are never shown to whoever
    // writes rules, so they cannot be tuned on.
    for (LabelledComplaint c : Corpus.training()) {
      Prediction p = predict.apply(c.text());
      Analysis a = analyzer.analyse(input(c), active, catalog, p);
      Analysis b = analyzer.analyse(input(c), candidate, catalog, p);
      if (!a.problemType().equals(b.problemType())
          || a.priority() != b.priority()
          || !a.department().equals(b.department())) {
        changes.add(
            new Validation.Change(
                c.text(),
                c.problemType(),
                a.problemType(),
                b.problemType(),
                label(a),
                label(b),
                a.department(),
                b.department()));
      }
    }
    boolean acceptable = after.accuracy() >= minAccuracy;
    String verdict =
        acceptable
            ? "accuracy " + pct(after.accuracy()) + " meets the minimum " + pct(minAccuracy)
            : "accuracy " + pct(after.accuracy()) + " is below the minimum " + pct(minAccuracy);
    return new Validation(
        candidate.version(),
        active.version(),
        Validation.Metrics.of(after),
        Validation.Metrics.of(before),
        changes.size(),
        changes.size() > 100 ? changes.subList(0, 100) : changes,
        acceptable,
        verdict);
  }

  /**
   * Activates {@code version} if its validation is acceptable (or {@code force}); retires the old.
   */
  public Uni<Validation> activate(int version, boolean force) {
    return validate(version)
        .chain(
            validation -> {
              if (!validation.acceptable() && !force) {
                throw new ProblemException(
                    422,
                    "Rule set not activated",
                    "rule set " + version + ": " + validation.verdict());
              }
              return Panache.withTransaction(
                  () ->
                      find(version)
                          .chain(
                              set -> {
                                if (RuleSet.ACTIVE.equals(set.status)) {
                                  return Uni.createFrom().item(validation);
                                }
                                return RuleSet.update("status = 'retired' where status = 'active'")
                                    .chain(() -> Panache.getSession().chain(s -> s.flush()))
                                    .chain(
                                        () -> {
                                          set.status = RuleSet.ACTIVE;
                                          set.activatedAt = Timestamps.now(clock);
                                          return set.persistAndFlush();
                                        })
                                    .replaceWith(validation);
                              }));
            });
  }

  /** The whole analysis of {@code analyzer} (a model in force or a candidate) over {@code set}. */
  public Evaluation evaluate(
      List<LabelledComplaint> set,
      RuleBook rules,
      ProblemTypeCatalog catalog,
      ComplaintAnalyzer analyzer) {
    return evaluate(set, rules, catalog, analyzer, text -> analyzer.classifier().rank(text));
  }

  private Evaluation evaluate(
      List<LabelledComplaint> set,
      RuleBook rules,
      ProblemTypeCatalog catalog,
      ComplaintAnalyzer analyzer,
      Function<String, Prediction> predict) {
    return Evaluation.of(
        set,
        c -> {
          Analysis a = analyzer.analyse(input(c), rules, catalog, predict.apply(c.text()));
          return new Evaluation.Outcome(a.problemType(), label(a), a.risk().flagged());
        },
        catalog.urgentTypes());
  }

  private static RoutingInput input(LabelledComplaint c) {
    return new RoutingInput(c.text(), c.channel(), "labelled", null, null);
  }

  private static String label(Analysis a) {
    return a.priority().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String pct(double v) {
    return String.format(java.util.Locale.ROOT, "%.1f %%", v * 100);
  }
}
