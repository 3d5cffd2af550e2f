package io.complaintsuite.sla.report;

import io.complaintsuite.sla.report.Report.Day;
import io.complaintsuite.sla.report.Report.Share;
import io.complaintsuite.sla.report.Report.Totals;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * A report as CSV (long format: section, key, metric, value; UTF-8 with a byte-order mark so that
 * Excel shows Chinese correctly) and as a printable HTML page: Chinese labels, charts as inline
 * SVG, no external assets, no JavaScript. Every figure carries {@code data-kpi} / {@code data-*}
 * attributes so a test can read it back.
 */
public final class ReportRendering {
  private ReportRendering() {}

  static final String[][] TOTALS = {
    {"volume", "投诉量"},
    {"resolved", "已解决"},
    {"unresolved", "未解决"},
    {"responseInTimeRate", "及时响应率"},
    {"averageHandlingMinutes", "平均处理时长（分钟）"},
    {"csat", "满意度（CSAT）"},
    {"surveyAnswers", "回访答复数"}
  };

  // ---------------------------------------------------------------- CSV

  public static String csv(Report r) {
    StringBuilder b = new StringBuilder("\uFEFFsection,key,metric,value\n");
    row(b, "report", r.kind(), "period", r.period());
    row(b, "report", r.kind(), "start", r.start());
    row(b, "report", r.kind(), "end", r.end());
    row(b, "report", r.kind(), "zone", r.zone());
    totalsCsv(b, "totals", r.period(), r.totals());
    if (r.previous() != null) {
      totalsCsv(b, "previous", r.previousPeriod(), r.previous());
    }
    sharesCsv(b, "problemType", r.byProblemType());
    sharesCsv(b, "concentratedIssue", r.concentratedIssues());
    sharesCsv(b, "unresolvedByDepartment", r.unresolvedByDepartment());
    sharesCsv(b, "previousProblemType", r.previousByProblemType());
    if (r.volumeByHour() != null) {
      for (int h = 0; h < r.volumeByHour().size(); h++) {
        row(b, "hour", String.format("%02d", h), "volume", r.volumeByHour().get(h));
      }
    }
    if (r.days() != null) {
      for (Day d : r.days()) {
        row(b, "day", d.date(), "volume", d.volume());
        row(b, "day", d.date(), "resolved", d.resolved());
        row(b, "day", d.date(), "unresolved", d.unresolved());
      }
    }
    return b.toString();
  }

  private static void totalsCsv(StringBuilder b, String section, String key, Totals t) {
    row(b, section, key, "volume", t.volume());
    row(b, section, key, "resolved", t.resolved());
    row(b, section, key, "unresolved", t.unresolved());
    row(b, section, key, "responseInTimeRate", t.responseInTimeRate());
    row(b, section, key, "averageHandlingMinutes", t.averageHandlingMinutes());
    row(b, section, key, "csat", t.csat());
    row(b, section, key, "surveyAnswers", t.surveyAnswers());
  }

  private static void sharesCsv(StringBuilder b, String section, List<Share> shares) {
    if (shares == null) {
      return;
    }
    for (Share s : shares) {
      row(b, section, s.key(), "count", s.count());
      row(b, section, s.key(), "share", s.share());
    }
  }

  private static void row(StringBuilder b, Object... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(cell(cells[i]));
    }
    b.append('\n');
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    // Quote what would break the row, and neutralise spreadsheet formulas.
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(value instanceof Number)) {
      s = "'" + s;
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      s = "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  // ---------------------------------------------------------------- HTML

  public static String html(Report r) {
    String title =
        switch (r.kind()) {
          case "daily" -> "投诉日报 " + r.period();
          case "weekly" ->
              "投诉周报 " + r.period() + "（" + r.start() + " 至 " + r.end().minusDays(1) + "）";
          default -> "投诉月报 " + r.period();
        };
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(title))
        .append("</title><style>")
        .append(
            "body{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif;"
                + "margin:24px;color:#222}h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;"
                + "margin:22px 0 8px;border-bottom:1px solid #ccc;padding-bottom:4px}"
                + ".meta{color:#666;font-size:12px}table{border-collapse:collapse;font-size:13px}"
                + "td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}"
                + "th{background:#f2f4f7;text-align:left}.cards{display:flex;flex-wrap:wrap;gap:10px}"
                + ".card{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:120px}"
                + ".card .v{font-size:22px;font-weight:bold}.card .l{font-size:12px;color:#555}"
                + "svg text{font-size:11px;fill:#333}"
                + "@media print{body{margin:8mm}.card{break-inside:avoid}section{break-inside:avoid}}")
        .append("</style></head><body>");
    b.append("<h1>").append(esc(title)).append("</h1>");
    b.append("<div class=\"meta\">统计区间 ")
        .append(r.start())
        .append(" 至 ")
        .append(r.end().minusDays(1))
        .append("（")
        .append(esc(r.zone()))
        .append("），生成时间 ")
        .append(r.generatedAt())
        .append("</div>");
    b.append("<section><h2>概览</h2><div class=\"cards\">");
    for (String[] t : TOTALS) {
      b.append("<div class=\"card\"><div class=\"v\" data-kpi=\"")
          .append(t[0])
          .append("\">")
          .append(value(r.totals(), t[0]))
          .append("</div><div class=\"l\">")
          .append(t[1])
          .append("</div></div>");
    }
    b.append("</div></section>");
    if (r.volumeByHour() != null) {
      b.append("<section><h2>分时段投诉量</h2>");
      List<String> labels = new java.util.ArrayList<>();
      for (int h = 0; h < 24; h++) {
        labels.add(String.valueOf(h));
      }
      b.append(bars("hour-chart", labels, r.volumeByHour(), "时"));
      b.append("</section>");
    }
    if (r.days() != null) {
      b.append("<section><h2>每日趋势（投诉量 / 未解决）</h2>");
      b.append(dayChart(r.days(), Day::volume, Day::unresolved));
      b.append(
          "<table data-table=\"days\"><tr><th>日期</th><th>投诉量</th><th>已解决</th><th>未解决</th></tr>");
      for (Day d : r.days()) {
        b.append("<tr data-day=\"")
            .append(d.date())
            .append("\"><th>")
            .append(d.date())
            .append("</th><td data-kpi=\"volume\">")
            .append(d.volume())
            .append("</td><td data-kpi=\"resolved\">")
            .append(d.resolved())
            .append("</td><td data-kpi=\"unresolved\">")
            .append(d.unresolved())
            .append("</td></tr>");
      }
      b.append("</table></section>");
    }
    if (r.previous() != null) {
      b.append("<section><h2>")
          .append("weekly".equals(r.kind()) ? "与上周对比（" : "与上月对比（")
          .append(esc(r.previousPeriod()))
          .append("）</h2>");
      b.append(comparisonChart(r.totals(), r.previous()));
      b.append(
          "<table data-table=\"comparison\"><tr><th>指标</th><th>本期</th><th>上期</th><th>环比</th></tr>");
      for (String[] t : TOTALS) {
        b.append("<tr data-metric=\"")
            .append(t[0])
            .append("\"><th>")
            .append(t[1])
            .append("</th><td data-kpi=\"current\">")
            .append(value(r.totals(), t[0]))
            .append("</td><td data-kpi=\"previous\">")
            .append(value(r.previous(), t[0]))
            .append("</td><td>")
            .append(change(number(r.totals(), t[0]), number(r.previous(), t[0])))
            .append("</td></tr>");
      }
      b.append("</table></section>");
    }
    b.append("<section><h2>问题类型分布</h2>");
    b.append(shareChart("problem-chart", r.byProblemType()));
    b.append(shareTable("problemTypes", "问题类型", r.byProblemType()));
    b.append("</section>");
    b.append("<section><h2>集中问题</h2>");
    if (r.concentratedIssues() == null || r.concentratedIssues().isEmpty()) {
      b.append("<p data-table=\"concentratedIssues\">无集中问题。</p>");
    } else {
      b.append(shareTable("concentratedIssues", "问题类型", r.concentratedIssues()));
    }
    b.append("</section>");
    if (r.unresolvedByDepartment() != null) {
      b.append("<section><h2>各部门未解决</h2>");
      b.append(shareTable("unresolvedByDepartment", "部门", r.unresolvedByDepartment()));
      b.append("</section>");
    }
    b.append("</body></html>");
    return b.toString();
  }

  static String value(Totals t, String field) {
    Object v = raw(t, field);
    if (v == null) {
      return "—";
    }
    if (field.endsWith("Rate") || field.equals("csat")) {
      return String.format(Locale.ROOT, "%.1f%%", ((Double) v) * 100);
    }
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    return v.toString();
  }

  private static Object raw(Totals t, String field) {
    return switch (field) {
      case "volume" -> t.volume();
      case "resolved" -> t.resolved();
      case "unresolved" -> t.unresolved();
      case "responseInTimeRate" -> t.responseInTimeRate();
      case "averageHandlingMinutes" -> t.averageHandlingMinutes();
      case "csat" -> t.csat();
      case "surveyAnswers" -> t.surveyAnswers();
      default -> throw new IllegalArgumentException(field);
    };
  }

  private static Double number(Totals t, String field) {
    Object v = raw(t, field);
    return v == null ? null : ((Number) v).doubleValue();
  }

  private static String change(Double now, Double before) {
    if (now == null || before == null || before == 0) {
      return "—";
    }
    double pct = (now - before) / before * 100;
    return String.format(Locale.ROOT, "%+.1f%%", pct);
  }

  private static String shareTable(String name, String keyLabel, List<Share> shares) {
    StringBuilder b = new StringBuilder("<table data-table=\"" + name + "\"><tr><th>");
    b.append(keyLabel).append("</th><th>数量</th><th>占比</th></tr>");
    for (Share s : shares) {
      b.append("<tr data-key=\"")
          .append(esc(s.key()))
          .append("\"><th>")
          .append(esc(s.key()))
          .append("</th><td data-kpi=\"count\">")
          .append(s.count())
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1f%%", s.share() * 100))
          .append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

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

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
