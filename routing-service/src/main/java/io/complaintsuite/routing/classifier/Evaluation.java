package io.complaintsuite.routing.classifier;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Accuracy of a routing function over labelled complaints: accuracy of the problem type, precision
 * and recall per type with the confusion matrix, recall of urgent complaints (the ones that must
 * not wait), and recall and false alarms of public-opinion risk (舆情).
 */
public record Evaluation(
    int complaints,
    double accuracy,
    int urgent,
    double urgentRecall,
    double urgentPrecision,
    int risky,
    double riskRecall,
    double riskFalseAlarms,
    Map<String, TypeMetrics> perType,
    Map<String, Map<String, Integer>> confusion) {

  /** What the routing function decided: type, priority label ("urgent", …) and risk flag. */
  public record Outcome(String problemType, String priority, boolean risk) {
    public Outcome(String problemType, String priority) {
      this(problemType, priority, false);
    }
  }

  public record TypeMetrics(int support, double precision, double recall) {}

  /**
   * {@code urgentTypes}: the catalogue's urgent types; a complaint is expected urgent when its type
   * is one of them or it carries a public-opinion threat.
   */
  public static Evaluation of(
      List<LabelledComplaint> set,
      Function<LabelledComplaint, Outcome> router,
      Set<String> urgentTypes) {
    Map<String, int[]> counts = new TreeMap<>(); // type -> {tp, fp, fn, support}
    Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    int correct = 0;
    int urgentTotal = 0;
    int urgentFound = 0;
    int urgentPredicted = 0;
    int riskTotal = 0;
    int riskFound = 0;
    int falseAlarms = 0;
    for (LabelledComplaint c : set) {
      Outcome outcome = router.apply(c);
      confusion
          .computeIfAbsent(c.problemType(), t -> new TreeMap<>())
          .merge(outcome.problemType(), 1, Integer::sum);
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
      if (c.risk() || urgentTypes.contains(c.problemType())) {
        urgentTotal++;
        if (predictedUrgent) {
          urgentFound++;
        }
      }
      if (c.risk()) {
        riskTotal++;
        riskFound += outcome.risk() ? 1 : 0;
      } else if (outcome.risk()) {
        falseAlarms++;
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
        riskTotal,
        ratio(riskFound, riskTotal),
        ratio(falseAlarms, set.size() - riskTotal),
        perType,
        confusion);
  }

  /** The lowest recall of any type that has complaints in the set. */
  public double worstTypeRecall() {
    return perType.values().stream()
        .filter(m -> m.support() > 0)
        .mapToDouble(TypeMetrics::recall)
        .min()
        .orElse(0);
  }

  /** The one-line summary. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%d complaints: problem type %.1f %% (worst type %.1f %%); urgent %d, recall %.1f %%,"
            + " precision %.1f %%; 舆情 risk %d, recall %.1f %%, false alarms %.1f %%",
        complaints,
        accuracy * 100,
        worstTypeRecall() * 100,
        urgent,
        urgentRecall * 100,
        urgentPrecision * 100,
        risky,
        riskRecall * 100,
        riskFalseAlarms * 100);
  }

  /** The report as Markdown: summary, per-type table and confusion matrix. */
  public String markdown(String title) {
    StringBuilder md = new StringBuilder();
    md.append("#### ").append(title).append("\n\n").append(summary()).append(".\n\n");
    md.append("| problem type | complaints | precision | recall |\n|---|---:|---:|---:|\n");
    perType.forEach(
        (type, m) -> {
          if (m.support() > 0) {
            md.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f %% | %.1f %% |%n",
                    type,
                    m.support(),
                    m.precision() * 100,
                    m.recall() * 100));
          }
        });
    Set<String> predicted = new TreeSet<>(confusion.keySet());
    confusion.values().forEach(row -> predicted.addAll(row.keySet()));
    md.append(
        "\nConfusion (rows: true type, columns: predicted, by the initials of the type):\n\n| |");
    predicted.forEach(p -> md.append(' ').append(abbrev(p)).append(" |"));
    md.append("\n|---|");
    predicted.forEach(p -> md.append("---:|"));
    md.append('\n');
    confusion.forEach(
        (truth, row) -> {
          md.append("| ").append(truth).append(" |");
          predicted.forEach(
              p -> {
                int n = row.getOrDefault(p, 0);
                md.append(' ').append(n == 0 ? "" : Integer.toString(n)).append(" |");
              });
          md.append('\n');
        });
    return md.toString();
  }

  /** account-stolen → as, refund → r: unique for the catalogue's types. */
  private static String abbrev(String type) {
    StringBuilder initials = new StringBuilder();
    for (String part : type.split("-")) {
      if (!part.isEmpty()) {
        initials.append(part.charAt(0));
      }
    }
    return initials.toString();
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
