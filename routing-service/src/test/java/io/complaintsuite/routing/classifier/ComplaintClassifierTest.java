package io.complaintsuite.routing.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped data set and the bare classifier (without rules), on the held-out part. */
class ComplaintClassifierTest {

  @Test
  void theShippedSetIsLargeVariedAndSplit() {
    List<LabelledComplaint> all = LabelledComplaint.shipped();
    assertTrue(all.size() >= 400, "at least 400 complaints: " + all.size());
    Set<String> types = new HashSet<>();
    all.forEach(c -> types.add(c.problemType()));
    assertTrue(types.size() >= 10, "at least 10 problem types: " + types);
    List<LabelledComplaint> heldOut = LabelledComplaint.heldOut();
    assertTrue(heldOut.size() >= 100, "a held-out part: " + heldOut.size());
    Set<String> training = new HashSet<>();
    LabelledComplaint.training().forEach(c -> training.add(c.text()));
    heldOut.forEach(c -> assertFalse(training.contains(c.text()), "no leak: " + c.text()));
  }

  @Test
  void classifierAloneOnTheHeldOutPart() {
    try (ComplaintClassifier classifier = ComplaintClassifier.train(LabelledComplaint.training())) {
      Evaluation evaluation =
          Evaluation.of(
              LabelledComplaint.heldOut(),
              c -> new Evaluation.Outcome(classifier.classify(c.text()).problemType(), "-"));
      System.out.println(evaluation.markdown("classifier alone"));
      assertTrue(evaluation.accuracy() >= 0.85, "accuracy " + evaluation.accuracy());

      Prediction p = classifier.classify("快递显示已签收但我根本没收到，运单号YT12345");
      assertEquals("delivery", p.problemType());
      assertFalse(p.topFeatures().isEmpty(), "explained by words");
      assertTrue(p.confidence() > 0 && p.confidence() <= 1, "confidence " + p.confidence());
    }
  }
}
