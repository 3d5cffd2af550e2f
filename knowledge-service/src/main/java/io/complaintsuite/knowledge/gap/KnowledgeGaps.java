package io.complaintsuite.knowledge.gap;

import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import io.complaintsuite.platform.time.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What the knowledge base is missing: searches and questions with no good result, counted by their
 * normalised wording (the distinct words, sorted: "退款怎么还没到" and "怎么退款还没到" are one gap), plus
 * articles rated unhelpful, never served, or past their review date.
 */
@ApplicationScoped
public class KnowledgeGaps {
  /** A query without a good result. */
  public record QueryGap(
      String normalizedQuery,
      String source,
      String sampleQuery,
      long occurrences,
      OffsetDateTime firstSeenAt,
      OffsetDateTime lastSeenAt) {}

  /** An article's feedback counts. */
  public record ArticleRating(UUID articleId, String slug, long helpful, long notHelpful) {}

  /** A published article and its version. */
  public record ArticleRef(
      UUID articleId, String slug, int version, String title, LocalDate reviewDue) {}

  /** The editors' report. */
  public record Report(
      List<QueryGap> queries,
      List<ArticleRating> unhelpfulArticles,
      List<ArticleRef> neverServed,
      List<ArticleRef> reviewOverdue) {}

  private final Pool pool;
  private final Clock clock;
  private final ChineseAnalysis analysis;

  public KnowledgeGaps(Pool pool, Clock clock, ChineseAnalysis analysis) {
    this.pool = pool;
    this.clock = clock;
    this.analysis = analysis;
  }

  /** The wording's key: its distinct words in a fixed order (or the trimmed text if none). */
  public String normalize(String query) {
    TreeSet<String> words = new TreeSet<>(analysis.terms(query));
    if (words.isEmpty()) {
      return query.strip().toLowerCase(Locale.ROOT);
    }
    return String.join(" ", words);
  }

  public Uni<Void> recordMiss(String query, String source) {
    OffsetDateTime now = Timestamps.now(clock);
    return pool.preparedQuery(
            "insert into knowledge_gap (normalized_query, source, sample_query, occurrences,"
                + " first_seen_at, last_seen_at) values ($1, $2, $3, 1, $4, $4)"
                + " on conflict (normalized_query, source) do update"
                + " set occurrences = knowledge_gap.occurrences + 1, last_seen_at = $4,"
                + " sample_query = excluded.sample_query")
        .execute(Tuple.of(normalize(query), source, query.strip(), now))
        .replaceWithVoid();
  }

  public Uni<Void> recordServed(UUID articleId) {
    return pool.preparedQuery(
            "insert into article_usage (article_id, served, last_served_at) values ($1, 1, $2)"
                + " on conflict (article_id) do update set served = article_usage.served + 1,"
                + " last_served_at = $2")
        .execute(Tuple.of(articleId, Timestamps.now(clock)))
        .replaceWithVoid();
  }

  public Uni<Report> report(int limit) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Uni<List<QueryGap>> queries =
        rows(
            "select * from knowledge_gap order by occurrences desc, last_seen_at desc limit $1",
            Tuple.of(limit),
            r ->
                new QueryGap(
                    r.getString("normalized_query"),
                    r.getString("source"),
                    r.getString("sample_query"),
                    r.getLong("occurrences"),
                    r.getOffsetDateTime("first_seen_at"),
                    r.getOffsetDateTime("last_seen_at")));
    Uni<List<ArticleRating>> unhelpful =
        rows(
            "select a.id, a.slug, count(*) filter (where f.helpful) as helpful,"
                + " count(*) filter (where not f.helpful) as not_helpful"
                + " from article_feedback f join article a on a.id = f.article_id"
                + " group by a.id, a.slug having count(*) filter (where not f.helpful) > 0"
                + " order by not_helpful desc limit $1",
            Tuple.of(limit),
            r ->
                new ArticleRating(
                    r.getUUID("id"),
                    r.getString("slug"),
                    r.getLong("helpful"),
                    r.getLong("not_helpful")));
    String published =
        "select a.id, a.slug, v.version, v.title, v.review_due from article a join article_version v"
            + " on v.article_id = a.id and v.version = a.published_version ";
    Uni<List<ArticleRef>> neverServed =
        rows(
            published
                + "where not exists (select 1 from article_usage u where u.article_id = a.id)"
                + " order by a.slug limit $1",
            Tuple.of(limit),
            KnowledgeGaps::ref);
    Uni<List<ArticleRef>> overdue =
        rows(
            published + "where v.review_due < $2 order by v.review_due limit $1",
            Tuple.of(limit, today),
            KnowledgeGaps::ref);
    return Uni.combine().all().unis(queries, unhelpful, neverServed, overdue).with(Report::new);
  }

  private static ArticleRef ref(Row r) {
    return new ArticleRef(
        r.getUUID("id"),
        r.getString("slug"),
        r.getInteger("version"),
        r.getString("title"),
        r.getLocalDate("review_due"));
  }

  private <T> Uni<List<T>> rows(String sql, Tuple args, java.util.function.Function<Row, T> map) {
    return pool.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              List<T> out = new ArrayList<>();
              rows.forEach(r -> out.add(map.apply(r)));
              return out;
            });
  }
}
