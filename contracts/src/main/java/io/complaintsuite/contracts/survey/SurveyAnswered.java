package io.complaintsuite.contracts.survey;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@code survey.answered} v1 on {@code surveys}, with the complaint's department,
 * agent, channel and problem type attached so consumers need no join. Schema: {@code
 * docs/events/survey.answered.v1.json}.
 */
public record SurveyAnswered(
    UUID complaintId,
    String surveyId,
    Ratings ratings,
    Integer nps,
    String comment,
    String department,
    String agent,
    String channel,
    String problemType,
    OffsetDateTime occurredAt) {

  /** 1 = very dissatisfied … 5 = very satisfied. */
  public record Ratings(int responseSpeed, int attitude, int resolution) {}
}
