package io.complaintsuite.knowledge.answer;

import java.util.List;

/**
 * Logistic regression by Newton's method (a few iterations of iteratively reweighted least
 * squares), with a small ridge penalty so that separable features keep finite weights. Returns the
 * weights of the features, then the bias.
 */
final class LogisticFit {
  private static final double RIDGE = 1e-3;

  private LogisticFit() {}

  static double[] fit(List<double[]> x, List<Boolean> y) {
    int d = x.get(0).length + 1;
    double[] w = new double[d];
    for (int iteration = 0; iteration < 50; iteration++) {
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (int i = 0; i < x.size(); i++) {
        double[] row = withBias(x.get(i));
        double p = probability(w, x.get(i));
        double error = p - (y.get(i) ? 1 : 0);
        for (int a = 0; a < d; a++) {
          gradient[a] += error * row[a];
          for (int b = 0; b < d; b++) {
            hessian[a][b] += p * (1 - p) * row[a] * row[b];
          }
        }
      }
      for (int a = 0; a < d - 1; a++) { // the bias is not penalised
        gradient[a] += RIDGE * x.size() * w[a];
        hessian[a][a] += RIDGE * x.size();
      }
      double[] step = solve(hessian, gradient);
      double change = 0;
      for (int a = 0; a < d; a++) {
        w[a] -= step[a];
        change = Math.max(change, Math.abs(step[a]));
      }
      if (change < 1e-9) {
        break;
      }
    }
    return w;
  }

  static double probability(double[] w, double[] features) {
    double z = w[w.length - 1];
    for (int j = 0; j < features.length; j++) {
      z += w[j] * features[j];
    }
    return 1 / (1 + Math.exp(-z));
  }

  private static double[] withBias(double[] features) {
    double[] row = new double[features.length + 1];
    System.arraycopy(features, 0, row, 0, features.length);
    row[features.length] = 1;
    return row;
  }

  /** Gaussian elimination with partial pivoting (the system is tiny and well conditioned). */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = m[col];
      m[col] = m[pivot];
      m[pivot] = t;
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = m[r][col] / m[col][col];
          for (int c = col; c <= n; c++) {
            m[r][c] -= f * m[col][c];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = m[i][n] / m[i][i];
    }
    return x;
  }
}
