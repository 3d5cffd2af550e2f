package io.complaintsuite.routing.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The shipped data and the bare classifier on wording it never saw. */
class ComplaintClassifierTest {
  static final Set<String> CATALOGUE =
      Set.of(
          "account-stolen",
          "privacy-leak",
          "service-outage",
          "safety-hazard",
          "money-lost",
          "billing-dispute",
          "refund",
          "delivery",
          "product-quality",
          "repair-installation",
          "technical-fault",
          "activity-promotion",
          "service-attitude",
          "product-suggestion",
          "consultation");

  @Test
  void theCorpusAndTheHeldOutSetAreLargeCoverTheCatalogueAndDoNotOverlap() {
    List<LabelledComplaint> training = Corpus.training();
    List<LabelledComplaint> heldOut = Corpus.heldOut();
    assertTrue(training.size() >= 1500, "a corpus of at least 1,500: " + training.size());
    assertTrue(heldOut.size() >= 300, "a held-out set of at least 300: " + heldOut.size());
    Map<String, Integer> perType = new TreeMap<>();
    training.forEach(c -> perType.merge(c.problemType(), 1, Integer::sum));
    assertEquals(CATALOGUE, perType.keySet(), "every type of the catalogue, nothing else");
    perType.forEach((t, n) -> assertTrue(n >= 80, t + " has only " + n + " examples"));
    Set<String> heldOutTypes = new HashSet<>();
    heldOut.forEach(c -> heldOutTypes.add(c.problemType()));
    assertEquals(CATALOGUE, heldOutTypes);
    Set<String> texts = new HashSet<>();
    training.forEach(c -> texts.add(c.text()));
    assertEquals(training.size(), texts.size(), "no duplicate in the corpus");
    heldOut.forEach(c -> assertFalse(texts.contains(c.text()), "held-out text in training: " + c));
    long lengths = training.stream().filter(c -> c.text().length() <= 12).count();
    assertTrue(lengths >= 20, "short messages too (≤ 12 characters): " + lengths);
    assertTrue(training.stream().anyMatch(c -> c.text().length() >= 120), "and long ones (≥ 120)");
  }

  @Test
  void wordingTheCorpusNeverUsedStillLandsByMeaning() {
    try (ComplaintClassifier classifier =
        ComplaintClassifier.train(
            Corpus.training(), Meaning.shipped(), ComplaintClassifier.Parameters.DEFAULT)) {
      // Written for this test, not in either set.
      Prediction p = classifier.classify("话费充了咋还没到账啊 都俩小时了", ComplaintClassifier.Mode.COMBINED);
      assertEquals("money-lost", p.problemType());
      assertFalse(p.neighbours().isEmpty(), "explained by its nearest labelled complaints");
      assertTrue(p.confidence() > 0 && p.confidence() <= 1, "confidence " + p.confidence());
      Prediction parcel = classifier.classify("快递显示已签收但我根本没收到，运单号YT12345");
      assertEquals("delivery", parcel.problemType());
      assertFalse(parcel.topFeatures().isEmpty(), "explained by words");
    }
  }
}
