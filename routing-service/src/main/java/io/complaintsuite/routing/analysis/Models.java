package io.complaintsuite.routing.analysis;

import io.complaintsuite.routing.classifier.ComplaintClassifier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The classifier model in force on this replica, with its version: the analyzer built on it is
 * replaced as a whole when another version is activated, so a complaint is always analysed by one
 * model from start to end.
 */
public final class Models {
  /** An analyzer and the model version it runs. */
  public record InForce(int version, ComplaintAnalyzer analyzer) {}

  private final AtomicReference<InForce> current;
  private final double minConfidence;
  private final double urgentMass;
  private final String triageDepartment;

  public Models(
      int version,
      ComplaintClassifier classifier,
      double minConfidence,
      double urgentMass,
      String triageDepartment) {
    this.minConfidence = minConfidence;
    this.urgentMass = urgentMass;
    this.triageDepartment = triageDepartment;
    this.current = new AtomicReference<>(new InForce(version, analyzerOf(classifier)));
  }

  public ComplaintAnalyzer current() {
    return current.get().analyzer();
  }

  public InForce inForce() {
    return current.get();
  }

  /** An analyzer over another model, with this replica's settings (for evaluating a candidate). */
  public ComplaintAnalyzer analyzerOf(ComplaintClassifier classifier) {
    return new ComplaintAnalyzer(classifier, minConfidence, urgentMass, triageDepartment);
  }

  /**
   * Puts {@code classifier} in force as {@code version}. The previous one is not closed: a
   * complaint being analysed may still hold it; the garbage collector frees it.
   */
  public void install(int version, ComplaintClassifier classifier) {
    current.set(new InForce(version, analyzerOf(classifier)));
  }
}
