package io.complaintsuite.routing.classifier;

/**
 * One labelled complaint: its true problem type, whether it carries a public-opinion threat (舆情),
 * the channel it came through, the text as the customer (or the phone agent) wrote it, and where
 * the label comes from: the shipped corpus, or an agent's correction ({@link #CORRECTED}).
 */
public record LabelledComplaint(
    String problemType, boolean risk, String channel, String text, String source) {
  public static final String CORPUS = "corpus";
  public static final String CORRECTED = "corrected";

  public LabelledComplaint(String problemType, boolean risk, String channel, String text) {
    this(problemType, risk, channel, text, CORPUS);
  }

  /** A label an agent, a supervisor or an accepted transfer gave a real complaint. */
  public static LabelledComplaint corrected(String problemType, String text) {
    return new LabelledComplaint(problemType, false, "", text, CORRECTED);
  }

  public boolean isCorrection() {
    return CORRECTED.equals(source);
  }
}
