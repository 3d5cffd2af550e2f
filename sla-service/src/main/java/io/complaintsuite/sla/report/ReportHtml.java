package io.complaintsuite.sla.report;

import static io.complaintsuite.sla.report.ReportCharts.bars;
import static io.complaintsuite.sla.report.ReportCharts.comparisonChart;
import static io.complaintsuite.sla.report.ReportCharts.dayChart;
import static io.complaintsuite.sla.report.ReportCharts.shareChart;

import io.complaintsuite.sla.report.Report.Day;
import io.complaintsuite.sla.report.Report.Share;
import io.complaintsuite.sla.report.Report.Totals;
import java.util.List;
import java.util.Locale;

/**
 * A report as a printable HTML page: Chinese labels, charts as inline SVG ({@link ReportCharts}),
 * no external assets, no JavaScript. Every figure carries {@code data-kpi} / {@code data-*}
 * attributes so a test can read it back.
 */
final class ReportHtml {
  private ReportHtml() {}

  static final String[][] TOTALS = {
    {"volume", "投诉量"},
    {"resolved", "已解决"},
    {"unresolved", "未解决"},
    {"responseInTimeRate", "及时响应率"},
    {"averageHandlingMinutes", "平均处理时长（分钟）"},
    {"csat", "满意度（CSAT）"},
    {"surveyAnswers", "回访答复数"},
    {"firstClassificationRight", "需求理解准确率"}
  };

  static String render(Report r) {
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
                + ".card .n{font-size:12px;color:#555}.card.below{border-color:#c0392b}"
                + ".card.below .v,.card.below .n.target{color:#c0392b}"
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
      boolean firstClassification = t[0].equals("firstClassificationRight");
      boolean below = firstClassification && belowTarget(r);
      b.append("<div class=\"card").append(below ? " below" : "").append("\"");
      if (firstClassification && r.firstClassificationRightTarget() != null) {
        b.append(" data-below-target=\"").append(below).append("\"");
      }
      b.append("><div class=\"v\" data-kpi=\"")
          .append(t[0])
          .append("\">")
          .append(value(r.totals(), t[0]))
          .append("</div><div class=\"l\">")
          .append(t[1])
          .append("</div>");
      if (firstClassification) {
        b.append(firstClassificationDetail(r, below));
      }
      b.append("</div>");
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

  /** The first classification right of the totals is below the report's target. */
  static boolean belowTarget(Report r) {
    Totals t = r.totals();
    return r.firstClassificationRightTarget() != null
        && t.firstClassificationRightCount() != null
        && t.volume() > 0
        && (double) t.firstClassificationRightCount() / t.volume()
            < r.firstClassificationRightTarget();
  }

  /** "17 / 20" and the target (目标 ≥ 95.0%, or 低于目标 95.0% when below it). */
  private static String firstClassificationDetail(Report r, boolean below) {
    StringBuilder b = new StringBuilder();
    Long right = r.totals().firstClassificationRightCount();
    if (right != null) {
      b.append("<div class=\"n\" data-kpi=\"firstClassificationRightCount\">")
          .append(right)
          .append(" / ")
          .append(r.totals().volume())
          .append("</div>");
    }
    if (r.firstClassificationRightTarget() != null) {
      b.append("<div class=\"n target\" data-kpi=\"firstClassificationRightTarget\">")
          .append(below ? "低于目标 " : "目标 ≥ ")
          .append(String.format(Locale.ROOT, "%.1f%%", r.firstClassificationRightTarget() * 100))
          .append("</div>");
    }
    return b.toString();
  }

  static String value(Totals t, String field) {
    Object v = raw(t, field);
    if (v == null) {
      return "—";
    }
    if (field.endsWith("Rate")
        || field.equals("csat")
        || field.equals("firstClassificationRight")) {
      return String.format(Locale.ROOT, "%.1f%%", ((Double) v) * 100);
    }
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    return v.toString();
  }

  /** A figure of the totals by its field name (the names of {@link #TOTALS}). */
  static Object raw(Totals t, String field) {
    return switch (field) {
      case "volume" -> t.volume();
      case "resolved" -> t.resolved();
      case "unresolved" -> t.unresolved();
      case "responseInTimeRate" -> t.responseInTimeRate();
      case "averageHandlingMinutes" -> t.averageHandlingMinutes();
      case "csat" -> t.csat();
      case "surveyAnswers" -> t.surveyAnswers();
      case "firstClassificationRight" -> t.firstClassificationRight();
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
