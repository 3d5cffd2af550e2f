package io.complaintsuite.routing.model;

import io.complaintsuite.platform.lock.AdvisoryLock;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.analysis.Catalogs;
import io.complaintsuite.routing.analysis.Classifiers;
import io.complaintsuite.routing.analysis.ComplaintAnalyzer;
import io.complaintsuite.routing.analysis.Models;
import io.complaintsuite.routing.analysis.ProblemTypeCatalog;
import io.complaintsuite.routing.classifier.ComplaintClassifier;
import io.complaintsuite.routing.classifier.Corpus;
import io.complaintsuite.routing.classifier.Evaluation;
import io.complaintsuite.routing.classifier.LabelledComplaint;
import io.complaintsuite.routing.classifier.Meaning;
import io.complaintsuite.routing.rules.RuleBook;
import io.complaintsuite.routing.ruleset.RuleSets;
import io.complaintsuite.routing.settings.RoutingSettings;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Classifier model versions (table {@code classifier_model}): a model is the shipped training
 * corpus plus the labelled examples (agents' corrections, administrators' examples) up to {@code
 * examples_up_to}, so every replica rebuilds the same model from the database. Retraining (on
 * demand and on {@code routing.classifier.retrain-cron}) trains a candidate, measures it and the
 * model in force side by side on the held-out set with the active rules, and activates it only if
 * its accuracy is not lower (and at least {@code routing.rules.min-accuracy}); otherwise the
 * version is stored as rejected with the figures. Each replica checks every {@code
 * routing.classifier.refresh-interval} whether another one activated a version.
 */
@ApplicationScoped
public class ModelVersions {
  private static final Logger LOG = Logger.getLogger(ModelVersions.class);
  private static final AdvisoryLock LOCK = new AdvisoryLock("routing-model-versions");
  public static final String ACTIVE = "active";
  public static final String RETIRED = "retired";
  public static final String REJECTED = "rejected";

  /** A model version as stored and shown by the API. */
  public record Version(
      int version,
      String status,
      long examplesUpTo,
      int trainedOn,
      int problemTypes,
      Double heldOutAccuracy,
      Double baselineAccuracy,
      Double heldOutUrgentRecall,
      String reason,
      String createdBy,
      OffsetDateTime createdAt,
      OffsetDateTime activatedAt) {

    static Version of(Row r) {
      return new Version(
          r.getInteger("version"),
          r.getString("status"),
          r.getLong("examples_up_to"),
          r.getInteger("trained_on"),
          r.getInteger("problem_types"),
          r.getDouble("held_out_accuracy"),
          r.getDouble("baseline_accuracy"),
          r.getDouble("held_out_urgent_recall"),
          r.getString("reason"),
          r.getString("created_by"),
          r.getOffsetDateTime("created_at"),
          r.getOffsetDateTime("activated_at"));
    }
  }

  private final Models models;
  private final Meaning meaning;
  private final Pool pool;
  private final RuleSets ruleSets;
  private final Catalogs catalogs;
  private final Clock clock;
  private final RoutingSettings settings;

  public ModelVersions(
      Models models,
      Meaning meaning,
      Pool pool,
      RuleSets ruleSets,
      Catalogs catalogs,
      Clock clock,
      RoutingSettings settings) {
    this.models = models;
    this.meaning = meaning;
    this.pool = pool;
    this.ruleSets = ruleSets;
    this.catalogs = catalogs;
    this.clock = clock;
    this.settings = settings;
  }

  /** At start: version 1 (the shipped corpus) on a fresh database, then the active one in force. */
  void onStart(@Observes StartupEvent event) {
    Version active =
        pool.withTransaction(
                conn ->
                    LOCK.lock(conn)
                        .chain(() -> active(conn))
                        .chain(found -> found != null ? Uni.createFrom().item(found) : first(conn)))
            .await()
            .atMost(Duration.ofMinutes(1));
    putInForce(active).await().atMost(Duration.ofMinutes(5));
  }

  /** Puts another replica's newly activated version in force here. */
  @Scheduled(
      every = "${routing.classifier.refresh-interval}",
      delayed = "${routing.classifier.refresh-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public Uni<Void> refresh() {
    return pool.withConnection(this::active)
        .chain(active -> active == null ? Uni.createFrom().voidItem() : putInForce(active));
  }

  @Scheduled(
      cron = "${routing.classifier.retrain-cron}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduledRetrain() {
    return retrain("schedule", true)
        .invoke(v -> LOG.infof("scheduled retraining: %s", v == null ? "no new labels" : v))
        .replaceWithVoid();
  }

  public Uni<List<Version>> all() {
    return pool.query("select * from classifier_model order by version desc")
        .execute()
        .map(
            rows -> {
              List<Version> all = new ArrayList<>();
              rows.forEach(r -> all.add(Version.of(r)));
              return all;
            });
  }

  /**
   * Trains a candidate on the corpus and every labelled example, measures it against the model in
   * force and stores it as active or rejected. With {@code onlyIfNew}, nothing happens (null) when
   * no example arrived since the active version.
   */
  public Uni<Version> retrain(String by, boolean onlyIfNew) {
    return pool.withConnection(
            conn ->
                active(conn)
                    .chain(
                        active ->
                            conn.query("select coalesce(max(id), 0) as up_to from labelled_example")
                                .execute()
                                .map(rows -> rows.iterator().next().getLong("up_to"))
                                .chain(
                                    upTo ->
                                        onlyIfNew && active != null && upTo <= active.examplesUpTo()
                                            ? Uni.createFrom().<Candidate>nullItem()
                                            : examples(conn, upTo)
                                                .chain(
                                                    examples ->
                                                        rulesInForce(conn)
                                                            .map(
                                                                rules ->
                                                                    new Candidate(
                                                                        upTo, examples, rules))))))
        .chain(
            candidate ->
                candidate == null
                    ? Uni.createFrom().nullItem()
                    : catalogs
                        .problemTypes()
                        .chain(catalog -> blocking(() -> measure(candidate, catalog)))
                        .chain(measured -> store(measured, by)));
  }

  private record Candidate(long upTo, List<LabelledComplaint> examples, RuleBook rules) {}

  private record Measured(
      Candidate candidate,
      ComplaintClassifier classifier,
      Evaluation evaluation,
      Evaluation baseline,
      int baselineVersion) {}

  private Measured measure(Candidate candidate, ProblemTypeCatalog catalog) {
    ComplaintClassifier classifier = train(candidate.examples());
    Models.InForce inForce = models.inForce();
    List<LabelledComplaint> heldOut = Corpus.heldOut();
    Evaluation baseline =
        ruleSets.evaluate(heldOut, candidate.rules(), catalog, inForce.analyzer());
    ComplaintAnalyzer analyzer = models.analyzerOf(classifier);
    Evaluation evaluation = ruleSets.evaluate(heldOut, candidate.rules(), catalog, analyzer);
    return new Measured(candidate, classifier, evaluation, baseline, inForce.version());
  }

  private Uni<Version> store(Measured m, String by) {
    double minimum = settings.rules().minAccuracy();
    boolean better = m.evaluation().accuracy() >= m.baseline().accuracy();
    boolean enough = m.evaluation().accuracy() >= minimum;
    String reason =
        String.format(
            Locale.ROOT,
            "held-out accuracy %.1f %% against %.1f %% of version %d in force%s; %d labelled"
                + " examples",
            m.evaluation().accuracy() * 100,
            m.baseline().accuracy() * 100,
            m.baselineVersion(),
            !better
                ? ": lower, not activated"
                : !enough
                    ? String.format(
                        Locale.ROOT, ": below the minimum %.1f %%, not activated", minimum * 100)
                    : "",
            m.candidate().examples().size());
    String status = better && enough ? ACTIVE : REJECTED;
    OffsetDateTime now = Timestamps.now(clock);
    return pool.withTransaction(
            conn ->
                LOCK.lock(conn)
                    .chain(
                        () ->
                            conn.query(
                                    "select coalesce(max(version), 0) + 1 as next from"
                                        + " classifier_model")
                                .execute())
                    .map(rows -> rows.iterator().next().getInteger("next"))
                    .chain(
                        next ->
                            (ACTIVE.equals(status)
                                    ? conn.query(
                                            "update classifier_model set status = 'retired'"
                                                + " where status = 'active'")
                                        .execute()
                                        .replaceWithVoid()
                                    : Uni.createFrom().voidItem())
                                .chain(
                                    () ->
                                        conn.preparedQuery(
                                                "insert into classifier_model (version, status,"
                                                    + " examples_up_to, trained_on, problem_types,"
                                                    + " held_out_accuracy, baseline_accuracy,"
                                                    + " held_out_urgent_recall, reason, created_by,"
                                                    + " created_at, activated_at) values ($1, $2,"
                                                    + " $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                                                    + " returning *")
                                            .execute(
                                                Tuple.from(
                                                    new Object[] {
                                                      next,
                                                      status,
                                                      m.candidate().upTo(),
                                                      m.classifier().trainedOn(),
                                                      m.classifier().problemTypes().size(),
                                                      m.evaluation().accuracy(),
                                                      m.baseline().accuracy(),
                                                      m.evaluation().urgentRecall(),
                                                      reason,
                                                      by,
                                                      now,
                                                      ACTIVE.equals(status) ? now : null
                                                    })))))
        .map(rows -> Version.of(rows.iterator().next()))
        .invoke(
            v -> {
              LOG.infof("classifier model %d by %s: %s (%s)", v.version(), by, status, reason);
              if (ACTIVE.equals(status)) {
                models.install(v.version(), m.classifier());
              }
            });
  }

  private Uni<Version> first(SqlConnection conn) {
    ComplaintClassifier shipped = models.current().classifier();
    OffsetDateTime now = Timestamps.now(clock);
    return conn.preparedQuery(
            "insert into classifier_model (version, status, examples_up_to, trained_on,"
                + " problem_types, reason, created_by, created_at, activated_at) values (1,"
                + " 'active', 0, $1, $2, 'the shipped training corpus (docs/routing-service.md)',"
                + " 'seed', $3, $3) returning *")
        .execute(Tuple.of(shipped.trainedOn(), shipped.problemTypes().size(), now))
        .map(rows -> Version.of(rows.iterator().next()));
  }

  private Uni<Version> active(SqlConnection conn) {
    return conn.query("select * from classifier_model where status = 'active'")
        .execute()
        .map(rows -> rows.iterator().hasNext() ? Version.of(rows.iterator().next()) : null);
  }

  /** Builds {@code version} from the database (if it is not already in force) and installs it. */
  private Uni<Void> putInForce(Version version) {
    Models.InForce inForce = models.inForce();
    if (inForce.version() == version.version()) {
      return Uni.createFrom().voidItem();
    }
    if (version.examplesUpTo() == 0 && inForce.analyzer().classifier().corrections() == 0) {
      models.install(version.version(), inForce.analyzer().classifier());
      return Uni.createFrom().voidItem();
    }
    return pool.withConnection(conn -> examples(conn, version.examplesUpTo()))
        .chain(examples -> blocking(() -> train(examples)))
        .invoke(
            classifier -> {
              models.install(version.version(), classifier);
              LOG.infof(
                  "classifier model %d in force (%d labelled examples)",
                  version.version(), classifier.corrections());
            })
        .replaceWithVoid();
  }

  /** The latest label of each corrected complaint, and every administrator's example. */
  private static Uni<List<LabelledComplaint>> examples(SqlConnection conn, long upTo) {
    return conn.preparedQuery(
            "select distinct on (coalesce(complaint_id::text, 'example-' || id)) text,"
                + " problem_type from labelled_example where id <= $1"
                + " order by coalesce(complaint_id::text, 'example-' || id), id desc")
        .execute(Tuple.of(upTo))
        .map(
            rows -> {
              List<LabelledComplaint> examples = new ArrayList<>();
              rows.forEach(
                  r ->
                      examples.add(
                          LabelledComplaint.corrected(
                              r.getString("problem_type"), r.getString("text"))));
              return examples;
            });
  }

  private Uni<RuleBook> rulesInForce(SqlConnection conn) {
    return conn.query("select version from rule_set where status = 'active'")
        .execute()
        .chain(
            rows ->
                ruleSets.active(
                    conn,
                    rows.iterator().hasNext()
                        ? rows.iterator().next().getInteger("version")
                        : null));
  }

  private ComplaintClassifier train(List<LabelledComplaint> corrections) {
    List<LabelledComplaint> examples = new ArrayList<>(Corpus.training());
    examples.addAll(corrections);
    return ComplaintClassifier.train(examples, meaning, Classifiers.parameters(settings));
  }

  /** Seconds of CPU: off the event loop. */
  private static <T> Uni<T> blocking(Supplier<T> work) {
    return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
