package io.complaintsuite.routing.analysis;

import io.complaintsuite.routing.classifier.ComplaintClassifier;
import io.complaintsuite.routing.classifier.Corpus;
import io.complaintsuite.routing.classifier.Meaning;
import io.complaintsuite.routing.settings.RoutingSettings;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Trains the first model on the shipped training corpus when the service starts; the model versions
 * (model.ModelVersions) then put the active version, with agents' corrections, in force.
 */
@Singleton
public class Classifiers {
  private static final Logger LOG = Logger.getLogger(Classifiers.class);

  @Produces
  @Singleton
  Meaning meaning() {
    return Meaning.shipped();
  }

  @Produces
  @Singleton
  @Startup
  Models models(RoutingSettings settings, Meaning meaning) {
    long start = System.nanoTime();
    ComplaintClassifier classifier =
        ComplaintClassifier.train(Corpus.training(), meaning, parameters(settings));
    LOG.infof(
        "classifier trained on %d labelled complaints (%d types) in %d ms",
        classifier.trainedOn(),
        classifier.problemTypes().size(),
        (System.nanoTime() - start) / 1_000_000);
    return new Models(
        0,
        classifier,
        settings.classifier().minConfidence(),
        settings.classifier().urgentMass(),
        settings.triageDepartment());
  }

  public static ComplaintClassifier.Parameters parameters(RoutingSettings settings) {
    ComplaintClassifier.Parameters d = ComplaintClassifier.Parameters.DEFAULT;
    return new ComplaintClassifier.Parameters(
        d.meaningWeight(), settings.classifier().cascadeConfidence(), d.probeEpochs(), d.probeL2());
  }
}
