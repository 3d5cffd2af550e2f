package io.complaintsuite.knowledge.gap;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.query.ListQuery;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The gap report for editors, and feedback on articles from agents and bot users. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class GapResource {
  /** Helpful or not, on the article version that was shown. */
  public record Feedback(
      UUID articleId, Integer version, Boolean helpful, String question, String comment) {}

  private final KnowledgeGaps gaps;
  private final Pool pool;
  private final Clock clock;
  private final SecurityIdentity identity;

  public GapResource(KnowledgeGaps gaps, Pool pool, Clock clock, SecurityIdentity identity) {
    this.gaps = gaps;
    this.pool = pool;
    this.clock = clock;
    this.identity = identity;
  }

  @GET
  @Path("/gaps")
  @RolesAllowed({"kb-editor", "supervisor"})
  public Uni<KnowledgeGaps.Report> report(@RestQuery Integer limit) {
    int max = ListQuery.limit(limit, 50, 500);
    return gaps.report(max);
  }

  @POST
  @Path("/feedback")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"agent", "supervisor", "bot"})
  public Uni<RestResponse<Void>> feedback(Feedback feedback) {
    if (feedback == null) {
      throw ProblemException.badField("body", "a feedback object is required");
    }
    if (feedback.articleId() == null) {
      throw ProblemException.badField("articleId", "must not be null");
    }
    if (feedback.version() == null || feedback.version() < 1) {
      throw ProblemException.badField("version", "must be a version number");
    }
    if (feedback.helpful() == null) {
      throw ProblemException.badField("helpful", "must be true or false");
    }
    if (feedback.comment() != null && feedback.comment().length() > 2000) {
      throw ProblemException.badField("comment", "must be at most 2000 characters");
    }
    if (feedback.question() != null && feedback.question().length() > 500) {
      throw ProblemException.badField("question", "must be at most 500 characters");
    }
    return pool.preparedQuery(
            "select 1 from article_version where article_id = $1 and version = $2")
        .execute(Tuple.of(feedback.articleId(), feedback.version()))
        .chain(
            rows -> {
              if (rows.size() == 0) {
                throw ProblemException.notFound(
                    "version " + feedback.version() + " of article " + feedback.articleId());
              }
              return pool.preparedQuery(
                      "insert into article_feedback (id, article_id, version, helpful, question,"
                          + " comment, given_by, given_at) values ($1, $2, $3, $4, $5, $6, $7, $8)")
                  .execute(
                      Tuple.from(
                          java.util.Arrays.<Object>asList(
                              UUID.randomUUID(),
                              feedback.articleId(),
                              feedback.version(),
                              feedback.helpful(),
                              feedback.question(),
                              feedback.comment(),
                              identity.getPrincipal().getName(),
                              Timestamps.now(clock))));
            })
        .map(ignored -> RestResponse.<Void>status(RestResponse.Status.NO_CONTENT));
  }
}
