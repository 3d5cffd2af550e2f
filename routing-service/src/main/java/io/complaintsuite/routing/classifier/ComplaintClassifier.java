package io.complaintsuite.routing.classifier;

import io.complaintsuite.contracts.routing.Explanation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The problem-type classifier: words and meaning combined, in a cascade.
 *
 * <ul>
 *   <li><b>Words</b>: the k-nearest-neighbour model of Lucene's {@code KNearestNeighborClassifier}
 *       (BM25, k = 7, smartcn segmentation), evaluated by {@link Bm25Neighbours} in microseconds.
 *   <li><b>Meaning</b>: a linear probe ({@link LinearProbe}) over bge-small-zh sentence embeddings
 *       ({@link Meaning}), so wording the corpus never used still lands right.
 * </ul>
 *
 * The type's probability is {@code w · meaning + (1 − w) · words}. The embedding costs ~5 ms of
 * CPU, so the cascade asks the meaning model only when the words are unsure (their confidence below
 * {@link Parameters#cascadeConfidence()}). Parameters were chosen by 5-fold cross-validation on the
 * training corpus ({@code ModelSelectionBench}); the held-out set never tuned anything. Immutable
 * once trained and safe to share between threads; retraining builds a new instance.
 */
public final class ComplaintClassifier implements AutoCloseable {
  static final String TEXT = "text";
  private static final int TOP_FEATURES = 5;
  private static final int NEIGHBOURS_SHOWN = 3;
  static final int NEIGHBOURS = 7;

  /** Tuned by cross-validation on the corpus (docs/routing-service.md, "The model"). */
  public record Parameters(
      double meaningWeight, double cascadeConfidence, int probeEpochs, double probeL2) {
    public static final Parameters DEFAULT = new Parameters(0.6, 0.9, 200, 1e-4);
  }

  private final Analyzer analyzer;
  private final Bm25Neighbours neighbours;
  private final Meaning meaning;
  private final LinearProbe probe;
  private final MeaningNeighbours nearest;
  private final List<LabelledComplaint> examples;
  private final Parameters parameters;
  // Agents' corrections: near-identical wording is decided by them (see classify).
  private final Map<String, String> correctedText;
  private final MeaningNeighbours corrections;
  // Term counts per type, for explaining a prediction by the words that decided it.
  private final Map<String, Map<String, Integer>> termCounts;
  private final Map<String, Integer> tokensPerType;
  private final int vocabulary;

  private ComplaintClassifier(
      List<LabelledComplaint> examples, Meaning meaning, Parameters parameters) {
    this.examples = List.copyOf(examples);
    this.meaning = meaning;
    this.parameters = parameters;
    analyzer = new SmartChineseAnalyzer();
    termCounts = new HashMap<>();
    tokensPerType = new HashMap<>();
    Set<String> vocab = new HashSet<>();
    List<List<String>> docs = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (LabelledComplaint example : examples) {
      List<String> terms = tokens(example.text());
      docs.add(terms);
      types.add(example.problemType());
      Map<String, Integer> counts =
          termCounts.computeIfAbsent(example.problemType(), t -> new HashMap<>());
      for (String term : terms) {
        counts.merge(term, 1, Integer::sum);
        tokensPerType.merge(example.problemType(), 1, Integer::sum);
        vocab.add(term);
      }
    }
    neighbours = new Bm25Neighbours(docs, types, NEIGHBOURS);
    vocabulary = vocab.size();
    List<float[]> vectors =
        meaning.vectorsOf(examples.stream().map(LabelledComplaint::text).toList());
    probe = LinearProbe.train(vectors, types, parameters.probeEpochs(), parameters.probeL2(), 4.0);
    nearest = new MeaningNeighbours(vectors, types, NEIGHBOURS_SHOWN, 0.05);
    correctedText = new HashMap<>();
    List<float[]> correctedVectors = new ArrayList<>();
    List<String> correctedTypes = new ArrayList<>();
    List<Integer> correctedIndex = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      if (examples.get(i).isCorrection()) {
        correctedText.put(examples.get(i).text(), examples.get(i).problemType());
        correctedVectors.add(vectors.get(i));
        correctedTypes.add(examples.get(i).problemType());
        correctedIndex.add(i);
      }
    }
    corrections =
        correctedVectors.isEmpty()
            ? null
            : new MeaningNeighbours(correctedVectors, correctedTypes, 1, 0.05);
    correctionIndex = correctedIndex;
  }

  private final List<Integer> correctionIndex;

  /**
   * Wording an agent corrected, or wording nearly identical to it (cosine of the embeddings at
   * least this), takes the corrected type: the same complaint forwarded again, a customer's
   * repeated message. Not tuned: chosen as "the same sentence with small edits" by reading
   * neighbours of the training corpus.
   */
  static final double CORRECTION_MEMORY = 0.95;

  public static ComplaintClassifier train(
      List<LabelledComplaint> examples, Meaning meaning, Parameters parameters) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no examples to train on");
    }
    return new ComplaintClassifier(examples, meaning, parameters);
  }

  public int trainedOn() {
    return examples.size();
  }

  public Set<String> problemTypes() {
    return termCounts.keySet();
  }

  /** Which parts decide: for the report, which measures each alone and combined. */
  public enum Mode {
    WORDS,
    MEANING,
    COMBINED,
    CASCADE
  }

  /**
   * Computes, off the caller's critical thread, what {@link #classify(String)} will need for {@code
   * text}: the sentence embedding when the cascade will ask for it (it is then remembered).
   */
  public void prepare(String text) {
    if (correctedText.containsKey(text)) {
      return;
    }
    List<String> terms = tokens(text);
    double wordsConfidence =
        terms.isEmpty()
            ? 0
            : neighbours.classify(terms).values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
    if (wordsConfidence < parameters.cascadeConfidence()) {
      meaning.embed(text);
    }
  }

  /** The prediction as routing makes it: the cascade. */
  public Prediction classify(String text) {
    return classify(text, Mode.CASCADE);
  }

  /** With the explanation: the deciding words and the nearest labelled complaints. */
  public Prediction classify(String text, Mode mode) {
    return classify(text, mode, true);
  }

  /**
   * The ranking only, without the explanation (for evaluations and transfers, which read the types'
   * probabilities and classify thousands of texts).
   */
  public Prediction rank(String text, Mode mode) {
    return classify(text, mode, false);
  }

  public Prediction rank(String text) {
    return classify(text, Mode.CASCADE, false);
  }

  private Prediction classify(String text, Mode mode, boolean explain) {
    String corrected = correctedText.get(text);
    if (corrected != null && mode != Mode.WORDS) {
      return remembered(corrected, 1.0, text);
    }
    List<String> terms = tokens(text);
    Map<String, Double> words =
        terms.isEmpty() || mode == Mode.MEANING ? Map.of() : neighbours.classify(terms);
    double wordsConfidence =
        words.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Map<String, Double> scores;
    List<Explanation.Neighbour> near = List.of();
    boolean byMeaning =
        mode != Mode.WORDS
            && (mode != Mode.CASCADE || wordsConfidence < parameters.cascadeConfidence());
    if (byMeaning) {
      float[] vector = meaning.embed(text);
      if (corrections != null) {
        MeaningNeighbours.Neighbour closest = corrections.nearest(vector, 1).get(0);
        if (closest.cosine() >= CORRECTION_MEMORY) {
          return remembered(
              closest.problemType(),
              closest.cosine(),
              examples.get(correctionIndex.get(closest.index())).text());
        }
      }
      Map<String, Double> meant = probe.classify(vector);
      scores = new HashMap<>();
      double w = mode == Mode.MEANING ? 1 : parameters.meaningWeight();
      meant.forEach((t, v) -> scores.merge(t, w * v, Double::sum));
      words.forEach((t, v) -> scores.merge(t, (1 - w) * v, Double::sum));
      near =
          !explain
              ? List.of()
              : nearest.nearest(vector, NEIGHBOURS_SHOWN).stream()
                  .map(
                      n ->
                          new Explanation.Neighbour(
                              n.problemType(),
                              Math.round(n.cosine() * 1000) / 1000.0,
                              examples.get(n.index()).text()))
                  .toList();
    } else {
      scores = words;
    }
    List<Prediction.Ranked> ranking =
        scores.entrySet().stream()
            .map(r -> new Prediction.Ranked(r.getKey(), Math.max(0, Math.min(1, r.getValue()))))
            .sorted(Comparator.comparingDouble(Prediction.Ranked::score).reversed())
            .toList();
    if (ranking.isEmpty()) {
      return new Prediction("unclassified", 0, List.of(), List.of(), List.of(), byMeaning);
    }
    Prediction.Ranked best = ranking.get(0);
    return new Prediction(
        best.problemType(),
        best.score(),
        explain ? topFeatures(terms, best.problemType()) : List.of(),
        near,
        ranking,
        byMeaning);
  }

  private Prediction remembered(String type, double similarity, String correctedText) {
    return new Prediction(
        type,
        1.0,
        List.of(),
        List.of(
            new Explanation.Neighbour(type, Math.round(similarity * 1000) / 1000.0, correctedText)),
        List.of(new Prediction.Ranked(type, 1.0)),
        true);
  }

  /** How many of the examples are agents' corrections. */
  public int corrections() {
    return correctionIndex.size();
  }

  /** The complaint's words with the highest log odds for {@code type} against all other types. */
  List<Explanation.Feature> topFeatures(List<String> terms, String type) {
    Map<String, Integer> inType = termCounts.getOrDefault(type, Map.of());
    int typeTokens = tokensPerType.getOrDefault(type, 0);
    int otherTokens =
        tokensPerType.values().stream().mapToInt(Integer::intValue).sum() - typeTokens;
    List<Explanation.Feature> features = new ArrayList<>();
    for (String term : new LinkedHashSet<>(terms)) {
      int here = inType.getOrDefault(term, 0);
      int elsewhere = 0;
      for (Map.Entry<String, Map<String, Integer>> e : termCounts.entrySet()) {
        if (!e.getKey().equals(type)) {
          elsewhere += e.getValue().getOrDefault(term, 0);
        }
      }
      double weight =
          Math.log((here + 1.0) / (typeTokens + vocabulary))
              - Math.log((elsewhere + 1.0) / (otherTokens + vocabulary));
      if (here > 0 && weight > 0) {
        features.add(new Explanation.Feature(term, Math.round(weight * 100) / 100.0));
      }
    }
    features.sort(Comparator.comparingDouble(Explanation.Feature::weight).reversed());
    return features.size() > TOP_FEATURES ? features.subList(0, TOP_FEATURES) : features;
  }

  /** The terms smartcn segments {@code text} into, as the classifier indexes and queries them. */
  List<String> tokens(String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  @Override
  public void close() {
    analyzer.close();
  }
}
