package io.complaintsuite.routing.ruleset;

import io.complaintsuite.routing.analysis.Catalogs;
import io.complaintsuite.routing.analysis.Models;
import io.complaintsuite.routing.analysis.ProblemTypeCatalog;
import io.complaintsuite.routing.classifier.ComplaintClassifier;
import io.complaintsuite.routing.classifier.Corpus;
import io.complaintsuite.routing.classifier.Evaluation;
import io.complaintsuite.routing.classifier.LabelledComplaint;
import io.complaintsuite.routing.risk.PublicOpinionRisk;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.tuples.Tuple2;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Locale;

/**
 * How well routing classifies right now, on the independently written held-out set: the whole
 * analysis with the active rules (what complaints really get), and the model's parts alone — words
 * (BM25 neighbours), meaning (sentence embeddings), both combined, and the cascade routing runs —
 * with the type's default priority and the risk detector.
 */
@Path("/api/v1/classifier/report")
public class ClassifierReportResource {

  public record Report(
      int modelVersion,
      int trainedOn,
      int ruleSetVersion,
      double cascadeShareByMeaning,
      Evaluation withRules,
      Evaluation words,
      Evaluation meaning,
      Evaluation combined,
      Evaluation cascade,
      String markdown) {}

  private final Models models;
  private final RuleSets ruleSets;
  private final Catalogs catalogs;

  public ClassifierReportResource(Models models, RuleSets ruleSets, Catalogs catalogs) {
    this.models = models;
    this.ruleSets = ruleSets;
    this.catalogs = catalogs;
  }

  @GET
  @RolesAllowed({"admin", "supervisor"})
  public Uni<Report> report() {
    // Seconds of CPU (every held-out complaint through five variants): read the rules in a
    // session on the event loop, then evaluate on a worker thread.
    return Panache.withSession(
            () ->
                ruleSets
                    .active()
                    .chain(rules -> catalogs.problemTypes().map(c -> Tuple2.of(rules, c))))
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(t -> build(t.getItem1(), t.getItem2()));
  }

  private Report build(io.complaintsuite.routing.rules.RuleBook rules, ProblemTypeCatalog catalog) {
    Models.InForce inForce = models.inForce();
    ComplaintClassifier classifier = inForce.analyzer().classifier();
    List<LabelledComplaint> heldOut = Corpus.heldOut();
    Evaluation withRules = ruleSets.evaluate(heldOut, rules, catalog, inForce.analyzer());
    Evaluation words = alone(heldOut, classifier, ComplaintClassifier.Mode.WORDS, catalog);
    Evaluation meaning = alone(heldOut, classifier, ComplaintClassifier.Mode.MEANING, catalog);
    Evaluation combined = alone(heldOut, classifier, ComplaintClassifier.Mode.COMBINED, catalog);
    Evaluation cascade = alone(heldOut, classifier, ComplaintClassifier.Mode.CASCADE, catalog);
    long byMeaning =
        heldOut.stream()
            .filter(c -> classifier.rank(c.text(), ComplaintClassifier.Mode.CASCADE).byMeaning())
            .count();
    double share = heldOut.isEmpty() ? 0 : (double) byMeaning / heldOut.size();
    String markdown =
        String.format(
                Locale.ROOT,
                "Model version %d, trained on %d labelled complaints; rule set %d; the cascade asked"
                    + " the meaning model for %.0f %% of the held-out complaints.%n%n",
                inForce.version(),
                classifier.trainedOn(),
                rules.version(),
                share * 100)
            + withRules.markdown(
                "Routing as it runs: rules (version "
                    + rules.version()
                    + ") + cascade + urgency + 舆情 risk")
            + "\n"
            + summaryLine("Words alone (BM25 neighbours)", words)
            + summaryLine("Meaning alone (bge-small-zh + linear probe)", meaning)
            + summaryLine("Words + meaning, always both", combined)
            + summaryLine("Cascade (as routing runs it, without rules)", cascade);
    return new Report(
        inForce.version(),
        classifier.trainedOn(),
        rules.version(),
        share,
        withRules,
        words,
        meaning,
        combined,
        cascade,
        markdown);
  }

  private static String summaryLine(String title, Evaluation e) {
    return "- " + title + ": " + e.summary() + "\n";
  }

  /** One part of the model, the type's default priority, the risk detector. */
  private static Evaluation alone(
      List<LabelledComplaint> set,
      ComplaintClassifier classifier,
      ComplaintClassifier.Mode mode,
      ProblemTypeCatalog catalog) {
    return Evaluation.of(
        set,
        c -> {
          String type = classifier.rank(c.text(), mode).problemType();
          boolean risk = PublicOpinionRisk.assess(c.text()).flagged();
          var entry = catalog.get(type);
          String priority =
              risk
                  ? "urgent"
                  : entry == null ? "low" : entry.defaultPriority().name().toLowerCase(Locale.ROOT);
          return new Evaluation.Outcome(type, priority, risk);
        },
        catalog.urgentTypes());
  }
}
