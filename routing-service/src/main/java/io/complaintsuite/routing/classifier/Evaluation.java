package io.complaintsuite.routing.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Accuracy of a routing function over labelled complaints: overall accuracy of the problem type,
 * precision and recall per type, and recall of urgent complaints (the ones that must not wait).
 */
public record Evaluation(
    int complaints,
    double accuracy,
    int urgent,
    double urgentRecall,
    double urgentPrecision,
    Map<String, TypeMetrics> perType,
    List<Miss> misses) {

  public record Outcome(String problemType, String priority) {}

  public record TypeMetrics(int support, double precision, double recall) {}

  public record Miss(
      String text,
      String expected,
      String predicted,
      String expectedPriority,
      String predictedPriority) {}

  public static Evaluation of(
      List<LabelledComplaint> set, Function<LabelledComplaint, Outcome> router) {
    Map<String, int[]> counts = new TreeMap<>(); // type -> {tp, fp, fn, support}
    int correct = 0;
    int urgentTotal = 0;
    int urgentFound = 0;
    int urgentPredicted = 0;
    List<Miss> misses = new ArrayList<>();
    for (LabelledComplaint c : set) {
      Outcome outcome = router.apply(c);
      int[] expected = counts.computeIfAbsent(c.problemType(), t -> new int[4]);
      expected[3]++;
      if (outcome.problemType().equals(c.problemType())) {
        correct++;
        expected[0]++;
      } else {
        expected[2]++;
        counts.computeIfAbsent(outcome.problemType(), t -> new int[4])[1]++;
      }
      boolean predictedUrgent = "urgent".equals(outcome.priority());
      if (predictedUrgent) {
        urgentPredicted++;
      }
      if (c.urgent()) {
        urgentTotal++;
        if (predictedUrgent) {
          urgentFound++;
        }
      }
      if (!outcome.problemType().equals(c.problemType()) || c.urgent() != predictedUrgent) {
        misses.add(
            new Miss(
                c.text(),
                c.problemType(),
                outcome.problemType(),
                c.priority(),
                outcome.priority()));
      }
    }
    Map<String, TypeMetrics> perType = new TreeMap<>();
    counts.forEach(
        (type, n) ->
            perType.put(
                type, new TypeMetrics(n[3], ratio(n[0], n[0] + n[1]), ratio(n[0], n[0] + n[2]))));
    return new Evaluation(
        set.size(),
        ratio(correct, set.size()),
        urgentTotal,
        ratio(urgentFound, urgentTotal),
        ratio(urgentFound, urgentPredicted),
        perType,
        misses);
  }

  /** The report as a Markdown table, as docs/routing-service.md shows it. */
  public String markdown(String title) {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(title).append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%d held-out complaints: accuracy of the problem type **%.1f %%**; urgent: %d, recall"
                + " **%.1f %%**, precision %.1f %%.%n%n",
            complaints,
            accuracy * 100,
            urgent,
            urgentRecall * 100,
            urgentPrecision * 100));
    md.append("| problem type | held-out | precision | recall |\n|---|---:|---:|---:|\n");
    perType.forEach(
        (type, m) ->
            md.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f %% | %.1f %% |%n",
                    type,
                    m.support(),
                    m.precision() * 100,
                    m.recall() * 100)));
    if (!misses.isEmpty()) {
      md.append("\nMisses (expected → predicted, priority):\n\n");
      for (Miss m : misses) {
        md.append(
            String.format(
                "- %s → %s (%s → %s): %s%n",
                m.expected(),
                m.predicted(),
                m.expectedPriority(),
                m.predictedPriority(),
                m.text()));
      }
    }
    return md.toString();
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
