package io.complaintsuite.routing.ruleset;

import io.complaintsuite.routing.analysis.Catalogs;
import io.complaintsuite.routing.analysis.ComplaintAnalyzer;
import io.complaintsuite.routing.classifier.Evaluation;
import io.complaintsuite.routing.classifier.LabelledComplaint;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * How well routing classifies right now: the held-out part of the labelled set, through the bare
 * classifier and through the whole analysis with the active rules (what complaints really get).
 */
@Path("/api/v1/classifier/report")
public class ClassifierReportResource {

  public record Report(
      int trainedOn,
      int ruleSetVersion,
      Evaluation classifierAlone,
      Evaluation withRules,
      String markdown) {}

  private final ComplaintAnalyzer analyzer;
  private final RuleSets ruleSets;
  private final Catalogs catalogs;

  public ClassifierReportResource(
      ComplaintAnalyzer analyzer, RuleSets ruleSets, Catalogs catalogs) {
    this.analyzer = analyzer;
    this.ruleSets = ruleSets;
    this.catalogs = catalogs;
  }

  @GET
  @RolesAllowed({"admin", "supervisor"})
  @WithSession
  public Uni<Report> report() {
    return ruleSets
        .active()
        .chain(
            rules ->
                catalogs
                    .problemTypes()
                    .map(catalog -> io.smallrye.mutiny.tuples.Tuple2.of(rules, catalog)))
        .map(
            t -> {
              var heldOut = LabelledComplaint.heldOut();
              Evaluation alone =
                  Evaluation.of(
                      heldOut,
                      c ->
                          new Evaluation.Outcome(
                              analyzer.classifier().classify(c.text()).problemType(),
                              defaultPriority(
                                  t.getItem2(),
                                  analyzer.classifier().classify(c.text()).problemType())));
              Evaluation withRules = ruleSets.evaluate(heldOut, t.getItem1(), t.getItem2());
              String markdown =
                  withRules.markdown(
                          "Rules (version " + t.getItem1().version() + ") + classifier + risk")
                      + "\n"
                      + alone.markdown("Classifier alone (type's default priority)");
              return new Report(
                  analyzer.classifier().trainedOn(),
                  t.getItem1().version(),
                  alone,
                  withRules,
                  markdown);
            });
  }

  private static String defaultPriority(
      io.complaintsuite.routing.analysis.ProblemTypeCatalog catalog, String type) {
    var entry = catalog.get(type);
    return entry == null
        ? "low"
        : entry.defaultPriority().name().toLowerCase(java.util.Locale.ROOT);
  }
}
