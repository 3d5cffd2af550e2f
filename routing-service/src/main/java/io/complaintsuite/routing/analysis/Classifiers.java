package io.complaintsuite.routing.analysis;

import io.complaintsuite.routing.classifier.ComplaintClassifier;
import io.complaintsuite.routing.classifier.LabelledComplaint;
import io.complaintsuite.routing.settings.RoutingSettings;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Trains the classifier on the training part of the shipped labelled set when the service starts.
 */
@Singleton
public class Classifiers {
  private static final Logger LOG = Logger.getLogger(Classifiers.class);

  @Produces
  @Singleton
  @Startup
  ComplaintAnalyzer analyzer(RoutingSettings settings) {
    long start = System.nanoTime();
    ComplaintClassifier classifier = ComplaintClassifier.train(LabelledComplaint.training());
    LOG.infof(
        "classifier trained on %d labelled complaints (%d types) in %d ms",
        classifier.trainedOn(),
        classifier.problemTypes().size(),
        (System.nanoTime() - start) / 1_000_000);
    return new ComplaintAnalyzer(
        classifier, settings.classifier().minConfidence(), settings.triageDepartment());
  }

  void close(@Disposes ComplaintAnalyzer analyzer) {
    analyzer.classifier().close();
  }
}
