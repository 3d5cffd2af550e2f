package io.complaintsuite.knowledge.search;

import io.complaintsuite.knowledge.article.ArticleKind;
import io.complaintsuite.knowledge.article.Audience;
import io.complaintsuite.knowledge.gap.KnowledgeGaps;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.query.ListQuery;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.RestQuery;

/** Full-text search over the published, currently valid articles. */
@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {
  static final int MAX_QUERY = 200;
  private static final List<String> CHANNELS =
      Arrays.stream(io.complaintsuite.contracts.Channel.values())
          .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .toList();

  /** The answer: the hits, best first, and how long the search took. */
  public record Result(String query, int count, List<SearchHit> hits, double tookMs) {}

  private final SearchIndex index;
  private final KnowledgeGaps gaps;
  private final SecurityIdentity identity;

  public SearchResource(SearchIndex index, KnowledgeGaps gaps, SecurityIdentity identity) {
    this.index = index;
    this.gaps = gaps;
    this.identity = identity;
  }

  /**
   * Blocking (Lucene and the query's embedding): runs on a worker thread. A search that finds
   * nothing is a gap.
   */
  @GET
  @RolesAllowed({"agent", "supervisor", "kb-editor", "bot"})
  public Result search(
      @RestQuery String q,
      @RestQuery String category,
      @RestQuery String kind,
      @RestQuery String channel,
      @RestQuery String audience,
      @RestQuery Integer limit) {
    String query = validQuery("q", q);
    if (kind != null && ArticleKind.fromWire(kind) == null) {
      throw ProblemException.badField("kind", "must be one of " + ArticleKind.wireValues());
    }
    if (audience != null && Audience.fromWire(audience) == null) {
      throw ProblemException.badField("audience", "must be one of " + Audience.wireValues());
    }
    if (channel != null && !CHANNELS.contains(channel)) {
      throw ProblemException.badField("channel", "must be one of " + CHANNELS);
    }
    int max = ListQuery.limit(limit, 10, 50);
    // The chatbot speaks to customers: it never sees agent-only articles.
    boolean customerOnly =
        identity.hasRole("bot")
            && !identity.hasRole("agent")
            && !identity.hasRole("supervisor")
            && !identity.hasRole("kb-editor");
    if (customerOnly) {
      audience = Audience.CUSTOMER.wire();
    }
    long started = System.nanoTime();
    List<SearchHit> hits =
        index.search(new SearchRequest(query, category, kind, channel, audience, max));
    double tookMs = (System.nanoTime() - started) / 1e6;
    if (hits.isEmpty()) {
      gaps.recordMiss(query, "search").await().atMost(Duration.ofSeconds(10));
    }
    return new Result(query, hits.size(), hits, tookMs);
  }

  /** A query of 1..200 characters (longer ones would only make slower, vaguer searches). */
  public static List<String> channels() {
    return CHANNELS;
  }

  public static String validQuery(String field, String q) {
    if (q == null || q.isBlank()) {
      throw ProblemException.badField(field, "must not be blank");
    }
    if (q.length() > MAX_QUERY) {
      throw ProblemException.badField(field, "must be at most " + MAX_QUERY + " characters");
    }
    return q.strip();
  }
}
