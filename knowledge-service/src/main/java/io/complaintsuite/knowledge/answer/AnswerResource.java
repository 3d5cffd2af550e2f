package io.complaintsuite.knowledge.answer;

import io.complaintsuite.knowledge.gap.KnowledgeGaps;
import io.complaintsuite.knowledge.search.SearchIndex;
import io.complaintsuite.knowledge.search.SearchResource;
import io.complaintsuite.knowledge.settings.KnowledgeSettings;
import io.complaintsuite.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** The chatbot's question: the best customer-facing answer, or a hand-off to a human. */
@Path("/api/v1/answers")
@Produces(MediaType.APPLICATION_JSON)
public class AnswerResource {
  /** A customer's question, and the channel it came in on (optional). */
  public record Question(String question, String channel) {}

  /** The article version answered with. */
  public record AnswerArticle(
      UUID id, String slug, int version, String kind, String title, String body, String snippet) {}

  /** The answer; {@code article} is the best candidate even when handing off (null if none). */
  public record Answer(
      boolean handoff, double confidence, double threshold, AnswerArticle article) {}

  private final SearchIndex index;
  private final KnowledgeGaps gaps;
  private final Clock clock;
  private final Answerer.Calibration calibration;
  private final double threshold;

  public AnswerResource(
      SearchIndex index, KnowledgeGaps gaps, Clock clock, KnowledgeSettings settings) {
    KnowledgeSettings.Answer answer = settings.answer();
    this.index = index;
    this.gaps = gaps;
    this.clock = clock;
    this.threshold = answer.handoffThreshold();
    this.calibration =
        new Answerer.Calibration(
            answer.calibrationCosine(),
            answer.calibrationCosineMargin(),
            answer.calibrationCoverage(),
            answer.calibrationBias());
  }

  /**
   * Blocking (Lucene and the question's embedding): runs on a worker thread. A hand-off is a
   * knowledge gap.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("bot")
  public Answer answer(Question question) {
    if (question == null) {
      throw ProblemException.badField("question", "must not be blank");
    }
    String text = SearchResource.validQuery("question", question.question());
    String channel = question.channel();
    if (channel != null
        && !io.complaintsuite.knowledge.search.SearchResource.channels().contains(channel)) {
      throw ProblemException.badField("channel", "must be one of " + SearchResource.channels());
    }
    Answerer.Result result =
        new Answerer(index.current(), index.analysis())
            .answer(text, channel, clock.instant(), calibration, threshold);
    if (result.handoff()) {
      gaps.recordMiss(text, "answer").await().atMost(Duration.ofSeconds(10));
    } else {
      gaps.recordServed(result.best().articleId()).await().atMost(Duration.ofSeconds(10));
    }
    AnswerArticle article =
        result.best() == null
            ? null
            : new AnswerArticle(
                result.best().articleId(),
                result.best().slug(),
                result.best().version(),
                result.best().kind(),
                result.best().title(),
                result.body(),
                result.best().snippet());
    return new Answer(
        result.handoff(), Math.round(result.confidence() * 1000) / 1000.0, threshold, article);
  }
}
