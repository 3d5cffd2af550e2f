package io.complaintsuite.sla.report;

import static io.complaintsuite.sla.report.ReportHtml.esc;
import static io.complaintsuite.sla.report.ReportHtml.raw;

import io.complaintsuite.sla.report.Report.Day;
import io.complaintsuite.sla.report.Report.Share;
import io.complaintsuite.sla.report.Report.Totals;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** The report page's charts as inline SVG, each named by {@code data-chart}. */
final class ReportCharts {
  private ReportCharts() {}

  /** Vertical bars with the count above each non-empty bar. */
  static String bars(String name, List<String> labels, List<Long> values, String unit) {
    int n = values.size();
    int w = 720;
    int h = 220;
    int left = 30;
    int bottom = 24;
    double slot = (double) (w - left) / n;
    long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
    StringBuilder b = svgOpen(name, w + 24, h);
    b.append(axis(left, h - bottom, w));
    for (int i = 0; i < n; i++) {
      long v = values.get(i);
      double bh = (h - bottom - 20) * (double) v / max;
      double x = left + i * slot + slot * 0.15;
      double y = h - bottom - bh;
      b.append(
          String.format(
              Locale.ROOT,
              "<rect data-label=\"%s\" data-value=\"%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                  + " height=\"%.1f\" fill=\"#2f6fb3\"/>",
              esc(labels.get(i)),
              v,
              x,
              y,
              slot * 0.7,
              bh));
      if (v > 0) {
        b.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>",
                x + slot * 0.35,
                y - 3,
                v));
      }
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
              x + slot * 0.35,
              h - 8,
              esc(labels.get(i))));
    }
    b.append(
        String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", w + 4, h - 8, esc(unit)));
    return b.append("</svg>").toString();
  }

  /** Horizontal bars: one per problem type, with count and share. */
  static String shareChart(String name, List<Share> shares) {
    int row = 24;
    int w = 720;
    int labelWidth = 170;
    int h = Math.max(1, shares.size()) * row + 10;
    long max = Math.max(1, shares.stream().mapToLong(Share::count).max().orElse(1));
    StringBuilder b = svgOpen(name, w, h);
    for (int i = 0; i < shares.size(); i++) {
      Share s = shares.get(i);
      double bw = (w - labelWidth - 120) * (double) s.count() / max;
      int y = 5 + i * row;
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                  + "<rect data-label=\"%s\" data-value=\"%d\" x=\"%d\" y=\"%d\" width=\"%.1f\""
                  + " height=\"%d\" fill=\"#d9822b\"/>"
                  + "<text x=\"%.1f\" y=\"%d\">%d（%.1f%%）</text>",
              labelWidth - 6,
              y + 15,
              esc(s.key()),
              esc(s.key()),
              s.count(),
              labelWidth,
              y + 2,
              bw,
              row - 6,
              labelWidth + bw + 6,
              y + 15,
              s.count(),
              s.share() * 100));
    }
    return b.append("</svg>").toString();
  }

  /** Volume bars per day with the unresolved count as a line. */
  static String dayChart(List<Day> days, ToLongFunction<Day> bar, ToLongFunction<Day> line) {
    List<String> labels = days.stream().map(d -> d.date().toString().substring(5)).toList();
    List<Long> values = days.stream().map(bar::applyAsLong).toList();
    String svg = bars("day-chart", labels, values, "");
    int w = 720;
    int h = 220;
    int left = 30;
    int bottom = 24;
    double slot = (double) (w - left) / days.size();
    long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < days.size(); i++) {
      double x = left + i * slot + slot * 0.5;
      double y = h - bottom - (h - bottom - 20) * (double) line.applyAsLong(days.get(i)) / max;
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    String polyline =
        "<polyline data-series=\"unresolved\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\""
            + " points=\""
            + points.toString().trim()
            + "\"/>";
    return svg.replace("</svg>", polyline + "</svg>");
  }

  /** This period against the previous: volume, resolved, unresolved side by side. */
  static String comparisonChart(Totals now, Totals before) {
    String[][] metrics = {{"volume", "投诉量"}, {"resolved", "已解决"}, {"unresolved", "未解决"}};
    int w = 480;
    int h = 200;
    int bottom = 24;
    long max = 1;
    for (String[] m : metrics) {
      max = Math.max(max, Math.max((long) raw(now, m[0]), (long) raw(before, m[0])));
    }
    StringBuilder b = svgOpen("comparison-chart", w, h);
    b.append(axis(20, h - bottom, w));
    double slot = (w - 20) / 3.0;
    for (int i = 0; i < metrics.length; i++) {
      long[] pair = {(long) raw(before, metrics[i][0]), (long) raw(now, metrics[i][0])};
      String[] fill = {"#9aa5b1", "#2f6fb3"};
      String[] series = {"previous", "current"};
      for (int j = 0; j < 2; j++) {
        double bh = (h - bottom - 20) * (double) pair[j] / max;
        double x = 20 + i * slot + slot * 0.15 + j * slot * 0.35;
        b.append(
            String.format(
                Locale.ROOT,
                "<rect data-label=\"%s\" data-series=\"%s\" data-value=\"%d\" x=\"%.1f\" y=\"%.1f\""
                    + " width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>",
                metrics[i][0],
                series[j],
                pair[j],
                x,
                h - bottom - bh,
                slot * 0.3,
                bh,
                fill[j],
                x + slot * 0.15,
                h - bottom - bh - 3,
                pair[j]));
      }
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
              20 + i * slot + slot * 0.5,
              h - 8,
              metrics[i][1]));
    }
    b.append(
        "<text x=\"300\" y=\"14\" fill=\"#9aa5b1\">■ 上期</text>"
            + "<text x=\"360\" y=\"14\">■ 本期</text>");
    return b.append("</svg>").toString();
  }

  private static StringBuilder svgOpen(String name, int w, int h) {
    return new StringBuilder(
        String.format(
            Locale.ROOT,
            "<svg data-chart=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\">",
            name,
            w,
            h,
            w,
            h));
  }

  private static String axis(int left, int y, int w) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
        left,
        y,
        w,
        y);
  }
}
