package io.complaintsuite.sla.report;

import io.complaintsuite.sla.report.Report.Day;
import io.complaintsuite.sla.report.Report.Share;
import io.complaintsuite.sla.report.Report.Totals;
import java.util.List;

/**
 * A report as CSV, long format (section, key, metric, value), UTF-8 with a byte-order mark so that
 * Excel shows Chinese correctly.
 */
final class ReportCsv {
  private ReportCsv() {}

  static String render(Report r) {
    StringBuilder b = new StringBuilder("\uFEFFsection,key,metric,value\n");
    row(b, "report", r.kind(), "period", r.period());
    row(b, "report", r.kind(), "start", r.start());
    row(b, "report", r.kind(), "end", r.end());
    row(b, "report", r.kind(), "zone", r.zone());
    row(
        b,
        "report",
        r.kind(),
        "firstClassificationRightTarget",
        r.firstClassificationRightTarget());
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
    row(b, section, key, "firstClassificationRight", t.firstClassificationRight());
    row(b, section, key, "firstClassificationRightCount", t.firstClassificationRightCount());
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
}
