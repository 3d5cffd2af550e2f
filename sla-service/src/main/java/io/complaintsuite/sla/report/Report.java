package io.complaintsuite.sla.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One report: daily (volume, unresolved, concentrated issues, volume by hour), weekly (trend by day
 * against the previous week) or monthly (by day, compared with the previous month). Rates are 0..1,
 * null when there is nothing to divide. {@code end} is exclusive; days are in {@code zone}. {@code
 * firstClassificationRightTarget} is the target of the totals' first classification right when the
 * report was made ({@code sla.kpi.first-classification-right-target}).
 */
public record Report(
    String kind,
    String period,
    LocalDate start,
    LocalDate end,
    String zone,
    OffsetDateTime generatedAt,
    Totals totals,
    List<Share> byProblemType,
    List<Share> concentratedIssues,
    List<Long> volumeByHour,
    List<Share> unresolvedByDepartment,
    List<Day> days,
    String previousPeriod,
    Totals previous,
    List<Share> previousByProblemType,
    Double firstClassificationRightTarget) {

  /**
   * Complaints received in the period: how many, how many were resolved and how many were neither
   * resolved nor closed at its end (or now, for a running period); response-in-time rate; mean
   * minutes from received to resolved; CSAT of the survey answers given in the period; first
   * classification right (需求理解准确率): the share ({@code firstClassificationRight}) and number ({@code
   * firstClassificationRightCount}) of the period's complaints whose problem type had not been
   * corrected by its end (or now), of {@code volume}. Null in reports stored before it existed.
   */
  public record Totals(
      long volume,
      long resolved,
      long unresolved,
      Double responseInTimeRate,
      Double averageHandlingMinutes,
      Double csat,
      long surveyAnswers,
      Double firstClassificationRight,
      Long firstClassificationRightCount) {}

  /** A count and its share of the period's volume. */
  public record Share(String key, long count, double share) {}

  /** One day of the period. */
  public record Day(LocalDate date, long volume, long resolved, long unresolved) {}
}
