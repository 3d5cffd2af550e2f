package io.complaintsuite.survey.answer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The customer's answer; its primary key (the survey) is what makes a link single use. */
@Entity
@Table(name = "survey_answer")
public class SurveyAnswer extends PanacheEntityBase {
  @Id
  @Column(name = "survey_id")
  public String surveyId;

  @Column(name = "complaint_id")
  public UUID complaintId;

  @Column(name = "response_speed")
  public int responseSpeed;

  public int attitude;
  public int resolution;
  public Integer nps;
  public String comment;

  @Column(name = "answered_at")
  public OffsetDateTime answeredAt;
}
