package io.complaintsuite.routing.classifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.PriorityQueue;
import org.apache.lucene.util.SmallFloat;

/**
 * The k-nearest-neighbour model of Lucene's {@code KNearestNeighborClassifier} (as configured
 * before: BM25, k = 7, {@code MoreLikeThis} query of the 25 best terms by tf-idf, boosted relative
 * to the weakest, plus the constant-score "has a type" clause), evaluated over a term table held in
 * plain maps. Lucene's classifier answers the same (checked on every labelled complaint by {@code
 * Bm25NeighboursTest}) but sets up a {@code MoreLikeThis} pass, term dictionary seeks, BM25 norm
 * caches and stored-field reads for each query: 0.7 ms of CPU per complaint against a 384-complaint
 * index, half of the routing service's budget at 200 complaints/s. This evaluation takes
 * microseconds. Lucene's own formulas and norm encoding ({@link SmallFloat}) are used throughout.
 * Immutable once built.
 */
final class Bm25Neighbours {
  private static final float K1 = 1.2f;
  private static final float B = 0.75f;
  private static final int MAX_QUERY_TERMS = 25; // MoreLikeThis.DEFAULT_MAX_QUERY_TERMS

  /** The documents containing a term and how often. */
  private record Postings(int[] docs, int[] freqs) {}

  private final int k;
  private final String[] docTypes;
  private final byte[] docNorms;
  private final Map<String, Postings> postings;
  private final float[] normInverse = new float[256];

  /** {@code docs}: each labelled complaint's terms (as indexed) with its type. */
  Bm25Neighbours(List<List<String>> docs, List<String> types, int k) {
    this.k = k;
    int n = docs.size();
    docTypes = types.toArray(new String[0]);
    docNorms = new byte[n];
    Map<String, List<int[]>> building = new HashMap<>();
    long totalTerms = 0;
    for (int doc = 0; doc < n; doc++) {
      List<String> terms = docs.get(doc);
      totalTerms += terms.size();
      docNorms[doc] = SmallFloat.intToByte4(terms.size());
      Map<String, Integer> freqs = new LinkedHashMap<>();
      terms.forEach(t -> freqs.merge(t, 1, Integer::sum));
      for (Map.Entry<String, Integer> e : freqs.entrySet()) {
        building
            .computeIfAbsent(e.getKey(), t -> new ArrayList<>())
            .add(new int[] {doc, e.getValue()});
      }
    }
    postings = new HashMap<>();
    for (Map.Entry<String, List<int[]>> e : building.entrySet()) {
      List<int[]> list = e.getValue();
      int[] ds = new int[list.size()];
      int[] fs = new int[list.size()];
      for (int i = 0; i < ds.length; i++) {
        ds[i] = list.get(i)[0];
        fs[i] = list.get(i)[1];
      }
      postings.put(e.getKey(), new Postings(ds, fs));
    }
    // BM25Similarity: avgdl over the documents, length decoded from the one-byte norm.
    float avgdl = (float) (totalTerms / (double) n);
    for (int i = 0; i < 256; i++) {
      normInverse[i] = 1f / (K1 * ((1 - B) + B * SmallFloat.byte4ToInt((byte) i) / avgdl));
    }
  }

  /** Each type among the k nearest complaints with its score (0..1], in no particular order. */
  Map<String, Double> classify(List<String> queryTerms) {
    int n = docTypes.length;
    // MoreLikeThis: term frequency in the query times ClassicSimilarity's idf; the best 25 terms,
    // chosen as MoreLikeThis chooses them (its hash map's order, Lucene's priority queue), so ties
    // at the 25th term are broken the same way.
    Map<String, Integer> tf = new HashMap<>();
    queryTerms.forEach(t -> tf.merge(t, 1, Integer::sum));
    PriorityQueue<ScoredTerm> queue = new TermQueue(Math.min(MAX_QUERY_TERMS, tf.size()));
    for (Map.Entry<String, Integer> e : tf.entrySet()) {
      Postings p = postings.get(e.getKey());
      if (p == null) {
        continue;
      }
      float idf = (float) (Math.log((n + 1) / (double) (p.docs().length + 1)) + 1.0);
      queue.insertWithOverflow(new ScoredTerm(e.getKey(), e.getValue() * idf));
    }
    // MoreLikeThis boosts each term by its score over the first one its queue pops: the weakest.
    List<String> selected = new ArrayList<>();
    List<Float> selectedScores = new ArrayList<>();
    ScoredTerm next;
    while ((next = queue.pop()) != null) {
      selected.add(next.term());
      selectedScores.add(next.score());
    }
    float weakest = selectedScores.isEmpty() ? 1f : selectedScores.get(0);
    double[] sums = new double[n];
    for (int i = 0; i < selected.size(); i++) {
      Postings p = postings.get(selected.get(i));
      int df = p.docs().length;
      float idf = (float) Math.log(1 + (n - df + 0.5D) / (df + 0.5D));
      float weight = (selectedScores.get(i) / weakest) * idf;
      for (int j = 0; j < df; j++) {
        float f = p.freqs()[j] * normInverse[docNorms[p.docs()[j]] & 0xFF];
        sums[p.docs()[j]] += weight - weight / (1f + f);
      }
    }
    // Every complaint matches the required "has a type" clause with a constant score of 1.
    int[] top = new int[Math.min(k, n)];
    float[] topScores = new float[top.length];
    int filled = 0;
    for (int doc = 0; doc < n; doc++) {
      float score = (float) sums[doc] + 1f;
      if (filled < top.length) {
        insert(top, topScores, filled++, doc, score);
      } else if (score > topScores[filled - 1]) {
        insert(top, topScores, filled - 1, doc, score);
      }
    }
    // KNearestNeighborClassifier.buildListFromTopDocs: per type, the sum of score / best score, /
    // k.
    Map<String, Double> classes = new HashMap<>();
    float max = topScores[0];
    for (int i = 0; i < filled; i++) {
      classes.merge(docTypes[top[i]], (double) (topScores[i] / max), Double::sum);
    }
    classes.replaceAll((type, boost) -> boost / k);
    return classes;
  }

  /**
   * Puts {@code doc} at or before {@code slot}, keeping scores descending (ties: lower doc first).
   */
  private static void insert(int[] top, float[] scores, int slot, int doc, float score) {
    int i = slot;
    while (i > 0 && scores[i - 1] < score) {
      top[i] = top[i - 1];
      scores[i] = scores[i - 1];
      i--;
    }
    top[i] = doc;
    scores[i] = score;
  }

  private record ScoredTerm(String term, float score) {}

  /** MoreLikeThis's FreqQ. */
  private static final class TermQueue extends PriorityQueue<ScoredTerm> {
    TermQueue(int size) {
      super(size);
    }

    @Override
    protected boolean lessThan(ScoredTerm a, ScoredTerm b) {
      return a.score() < b.score();
    }
  }
}
