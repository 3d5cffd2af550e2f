package io.complaintsuite.contracts.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * Why routing decided what it did, as {@code assignment.created} carries it: decided by a rule (its
 * name and the matched text) or by the classifier (its top features); how the priority was reached;
 * how the agent was chosen; for a transfer, the reason the agent gave.
 */
public record Explanation(
    String decidedBy,
    String rule,
    List<String> matchedRules,
    List<Feature> topFeatures,
    List<Neighbour> neighbours,
    List<String> priorityReasons,
    String agentReason,
    String transferReason) {

  /**
   * An explanation written as one line of text, as early producers of {@code assignment.created}
   * did (records of theirs may still be on the topic and are replayed): the text is the deciding
   * rule and what it matched.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Explanation ofText(String text) {
    return new Explanation(null, text, List.of(), List.of(), List.of(), List.of(), null, null);
  }

  /** A word of the complaint and how strongly it points at the predicted type (log odds). */
  public record Feature(String term, double weight) {}

  /**
   * A labelled complaint near this one in meaning (cosine of sentence embeddings), shown so an
   * agent sees what the classifier compared the complaint with.
   */
  public record Neighbour(String problemType, double similarity, String text) {}
}
