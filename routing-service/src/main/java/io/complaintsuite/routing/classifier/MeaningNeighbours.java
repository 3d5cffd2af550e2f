package io.complaintsuite.routing.classifier;

import io.complaintsuite.embeddings.SentenceEmbeddings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * k nearest labelled complaints by meaning: the cosine of their sentence embeddings, so "话费充了咋还没到账"
 * finds "充值成功余额没变" although they share no word. Each neighbour votes for its type with weight
 * exp(cosine / temperature); a type's score is its share of the votes. An exhaustive scan: 1,600
 * examples × 512 dimensions is about 0.3 ms, less than an index would save. Immutable.
 */
final class MeaningNeighbours {
  /** A labelled complaint near the query. */
  record Neighbour(int index, String problemType, double cosine) {}

  private final float[][] vectors;
  private final String[] types;
  private final int k;
  private final double temperature;

  MeaningNeighbours(List<float[]> vectors, List<String> types, int k, double temperature) {
    this.vectors = vectors.toArray(new float[0][]);
    this.types = types.toArray(new String[0]);
    this.k = k;
    this.temperature = temperature;
  }

  /** The {@code n} nearest, best first: one pass keeping the best n, no sort of all examples. */
  List<Neighbour> nearest(float[] query, int n) {
    int keep = Math.min(n, vectors.length);
    int[] best = new int[keep];
    float[] scores = new float[keep];
    int filled = 0;
    for (int i = 0; i < vectors.length; i++) {
      float cosine = SentenceEmbeddings.cosine(query, vectors[i]);
      if (filled < keep) {
        int at = filled++;
        while (at > 0 && scores[at - 1] < cosine) {
          scores[at] = scores[at - 1];
          best[at] = best[at - 1];
          at--;
        }
        scores[at] = cosine;
        best[at] = i;
      } else if (cosine > scores[keep - 1]) {
        int at = keep - 1;
        while (at > 0 && scores[at - 1] < cosine) {
          scores[at] = scores[at - 1];
          best[at] = best[at - 1];
          at--;
        }
        scores[at] = cosine;
        best[at] = i;
      }
    }
    List<Neighbour> result = new ArrayList<>(filled);
    for (int j = 0; j < filled; j++) {
      result.add(new Neighbour(best[j], types[best[j]], scores[j]));
    }
    return result;
  }

  /** Type → share of the k nearest neighbours' votes (sums to 1). */
  Map<String, Double> classify(float[] query) {
    Map<String, Double> votes = new HashMap<>();
    double total = 0;
    for (Neighbour n : nearest(query, k)) {
      double w = Math.exp(n.cosine() / temperature);
      votes.merge(n.problemType(), w, Double::sum);
      total += w;
    }
    double sum = total;
    votes.replaceAll((t, v) -> v / sum);
    return votes;
  }
}
