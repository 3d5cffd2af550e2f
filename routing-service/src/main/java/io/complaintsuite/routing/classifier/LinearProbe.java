package io.complaintsuite.routing.classifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Multinomial logistic regression over sentence embeddings (a "linear probe"): one weight vector
 * per problem type, trained by full-batch gradient descent with L2 regularisation when the model is
 * built (about a second for 1,600 examples). Unlike neighbours it weighs every example of a type at
 * once, so one odd example near the query does not decide. Deterministic; immutable once trained.
 */
final class LinearProbe {
  private static final double MOMENTUM = 0.9;
  private final String[] classes;
  private final float[][] weights; // class × (dimensions + 1 bias)

  private LinearProbe(String[] classes, float[][] weights) {
    this.classes = classes;
    this.weights = weights;
  }

  static LinearProbe train(List<float[]> x, List<String> y, int epochs, double l2, double rate) {
    List<String> classList = y.stream().distinct().sorted().toList();
    String[] classes = classList.toArray(new String[0]);
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < classes.length; c++) {
      index.put(classes[c], c);
    }
    int n = x.size();
    int d = x.get(0).length;
    double[][] w = new double[classes.length][d + 1];
    Random random = new Random(17);
    for (double[] row : w) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextGaussian() * 0.01;
      }
    }
    double[] p = new double[classes.length];
    double[][] velocity = new double[classes.length][d + 1];
    double[][] ahead = new double[classes.length][d + 1];
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int c = 0; c < classes.length; c++) {
        for (int j = 0; j <= d; j++) {
          ahead[c][j] = w[c][j] + MOMENTUM * velocity[c][j];
        }
      }
      double[][] grad = new double[classes.length][d + 1];
      for (int i = 0; i < n; i++) {
        float[] xi = x.get(i);
        softmax(ahead, xi, p);
        int yi = index.get(y.get(i));
        for (int c = 0; c < classes.length; c++) {
          double g = p[c] - (c == yi ? 1 : 0);
          double[] gc = grad[c];
          for (int j = 0; j < d; j++) {
            gc[j] += g * xi[j];
          }
          gc[d] += g;
        }
      }
      for (int c = 0; c < classes.length; c++) {
        for (int j = 0; j <= d; j++) {
          double reg = j < d ? l2 * ahead[c][j] : 0;
          velocity[c][j] = MOMENTUM * velocity[c][j] - rate * (grad[c][j] / n + reg);
          w[c][j] += velocity[c][j];
        }
      }
    }
    float[][] weights = new float[classes.length][d + 1];
    for (int c = 0; c < classes.length; c++) {
      for (int j = 0; j <= d; j++) {
        weights[c][j] = (float) w[c][j];
      }
    }
    return new LinearProbe(classes, weights);
  }

  /** Type → probability (sums to 1). */
  Map<String, Double> classify(float[] x) {
    double[] logits = new double[classes.length];
    int d = x.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes.length; c++) {
      double s = weights[c][d];
      for (int j = 0; j < d; j++) {
        s += weights[c][j] * x[j];
      }
      logits[c] = s;
      max = Math.max(max, s);
    }
    double total = 0;
    for (int c = 0; c < classes.length; c++) {
      logits[c] = Math.exp(logits[c] - max);
      total += logits[c];
    }
    Map<String, Double> result = new HashMap<>();
    for (int c = 0; c < classes.length; c++) {
      result.put(classes[c], logits[c] / total);
    }
    return result;
  }

  List<String> classes() {
    return new ArrayList<>(List.of(classes));
  }

  private static void softmax(double[][] w, float[] x, double[] p) {
    int d = x.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < w.length; c++) {
      double s = w[c][d];
      for (int j = 0; j < d; j++) {
        s += w[c][j] * x[j];
      }
      p[c] = s;
      max = Math.max(max, s);
    }
    double total = 0;
    for (int c = 0; c < w.length; c++) {
      p[c] = Math.exp(p[c] - max);
      total += p[c];
    }
    for (int c = 0; c < w.length; c++) {
      p[c] /= total;
    }
  }
}
