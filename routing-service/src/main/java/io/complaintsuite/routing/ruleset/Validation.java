package io.complaintsuite.routing.ruleset;

import io.complaintsuite.routing.classifier.Evaluation;
import java.util.List;

/**
 * What activating a rule set would do: its accuracy on the held-out labelled complaints next to the
 * active set's, and every labelled complaint whose routing would change.
 */
public record Validation(
    int version,
    int activeVersion,
    Metrics candidate,
    Metrics active,
    int changed,
    List<Change> changes,
    boolean acceptable,
    String verdict) {

  public record Metrics(double accuracy, double urgentRecall, int heldOut) {
    static Metrics of(Evaluation e) {
      return new Metrics(e.accuracy(), e.urgentRecall(), e.complaints());
    }
  }

  /** One labelled complaint routed differently: before (active) and after (candidate). */
  public record Change(
      String text,
      String label,
      String problemTypeBefore,
      String problemTypeAfter,
      String priorityBefore,
      String priorityAfter,
      String departmentBefore,
      String departmentAfter) {}
}
