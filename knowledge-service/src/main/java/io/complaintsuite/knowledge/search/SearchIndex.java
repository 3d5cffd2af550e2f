package io.complaintsuite.knowledge.search;

import io.complaintsuite.embeddings.SentenceEmbeddings;
import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import io.complaintsuite.knowledge.article.ArticleInput;
import io.complaintsuite.knowledge.article.ArticleKind;
import io.complaintsuite.knowledge.article.Audience;
import io.complaintsuite.knowledge.settings.KnowledgeSettings;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The service's search index. PostgreSQL is the source of truth: at start the index is rebuilt from
 * it when missing (or built from another database), otherwise it catches up with the articles
 * changed since its last start; afterwards every change made here, and every {@code knowledge.*}
 * event from other replicas, reloads the article from the database.
 */
@ApplicationScoped
public class SearchIndex {
  private static final Logger LOG = Logger.getLogger(SearchIndex.class);
  private static final String ORIGIN = "origin";
  private static final String SYNCED_AT = "synced-at";
  private static final String FORMAT = "format";
  private static final int PAGE = 1000;
  private static final String SELECT =
      "select a.id, a.slug, a.kind, a.updated_at, v.version, v.title, v.body, v.category, v.tags,"
          + " v.problem_types, v.channels, v.audience, v.valid_from, v.valid_until"
          + " from article a left join article_version v"
          + " on v.article_id = a.id and v.version = a.published_version ";

  private final Pool pool;
  private final Clock clock;
  private final Path path;
  private final ChineseAnalysis analysis;
  private final SentenceEmbeddings embeddings;
  private volatile ArticleIndex index;
  private volatile String lastStart = "closed";

  public SearchIndex(
      Pool pool,
      Clock clock,
      KnowledgeSettings settings,
      ChineseAnalysis analysis,
      SentenceEmbeddings embeddings) {
    this.pool = pool;
    this.clock = clock;
    this.path = settings.index().path();
    this.analysis = analysis;
    this.embeddings = embeddings;
  }

  public ChineseAnalysis analysis() {
    return analysis;
  }

  /**
   * Opens the index (blocking): rebuilt when missing or foreign, else caught up. A rebuild embeds
   * every published article again (1-4 ms per headline or sentence, 10-30 ms per starter article).
   */
  public synchronized void start() {
    String origin =
        pool.query("select id from kb_instance")
            .execute()
            .await()
            .atMost(Duration.ofSeconds(30))
            .iterator()
            .next()
            .getUUID(0)
            .toString();
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ArticleIndex opened = new ArticleIndex(path, analysis, embeddings);
    Map<String, String> data = opened.commitData();
    Instant started = clock.instant();
    if (!origin.equals(data.get(ORIGIN)) || !ArticleIndex.FORMAT.equals(data.get(FORMAT))) {
      // Missing, built from another database, or an older layout: start from nothing.
      opened.close();
      opened = new ArticleIndex(path, analysis, embeddings, true);
      int count = load(opened, OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
      lastStart = "rebuilt";
      LOG.infof("search index rebuilt from the database: %d published articles", count);
    } else {
      // A minute of overlap: a change committed while the last start was reading.
      Instant since = Instant.ofEpochMilli(Long.parseLong(data.get(SYNCED_AT))).minusSeconds(60);
      int count = load(opened, since.atOffset(ZoneOffset.UTC));
      lastStart = "caught-up";
      LOG.infof("search index caught up: %d articles changed since %s", count, since);
    }
    opened.commit(
        Map.of(
            ORIGIN,
            origin,
            FORMAT,
            ArticleIndex.FORMAT,
            SYNCED_AT,
            Long.toString(started.toEpochMilli())));
    this.index = opened;
  }

  /** "rebuilt" or "caught-up": what the last start did. */
  public String lastStart() {
    return lastStart;
  }

  public int size() {
    ArticleIndex current = index;
    return current == null ? 0 : current.size();
  }

  /** Closes the index (tests and shutdown). */
  @PreDestroy
  public synchronized void close() {
    if (index != null) {
      index.close();
      index = null;
      lastStart = "closed";
    }
  }

  public Path path() {
    return path;
  }

  public List<SearchHit> search(SearchRequest request) {
    ArticleIndex current = require();
    return current.search(request, clock.instant());
  }

  public ArticleIndex current() {
    return require();
  }

  /** Re-reads an article from the database and puts its published version in the index. */
  public Uni<Void> reload(UUID articleId) {
    return pool.preparedQuery(SELECT + "where a.id = $1")
        .execute(Tuple.of(articleId))
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .invoke(this::applyReloaded)
        .replaceWithVoid();
  }

  /**
   * Under the same lock as start and close: a commit must not race a close (Lucene refuses to close
   * a writer between prepareCommit and commit) nor another reload's commit.
   */
  private synchronized void applyReloaded(Iterable<Row> rows) {
    ArticleIndex current = index;
    if (current == null) {
      return; // not started yet (or closed): the next start reads it
    }
    for (Row row : rows) {
      apply(current, row);
    }
    current.commit(current.commitData());
  }

  private ArticleIndex require() {
    ArticleIndex current = index;
    if (current == null) {
      // Complaints consumed while the index opens after a restart wait for it (Inbox retries).
      throw new io.complaintsuite.platform.inbox.ServiceNotReadyException(
          "the search index is not open");
    }
    return current;
  }

  private int load(ArticleIndex target, OffsetDateTime changedSince) {
    int count = 0;
    UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
    boolean first = true;
    while (true) {
      String sql =
          SELECT
              + "where a.updated_at > $1"
              + (first ? "" : " and a.id > $2")
              + " order by a.id limit "
              + PAGE;
      Tuple args = first ? Tuple.of(changedSince) : Tuple.of(changedSince, after);
      List<Row> rows = new ArrayList<>();
      pool.preparedQuery(sql)
          .execute(args)
          .await()
          .atMost(Duration.ofMinutes(2))
          .forEach(rows::add);
      for (Row row : rows) {
        if (apply(target, row)) {
          count++;
        }
        after = row.getUUID("id");
      }
      first = false;
      if (rows.size() < PAGE) {
        return count;
      }
    }
  }

  /** Puts the row's published version in the index, or removes the article: true if put. */
  private static boolean apply(ArticleIndex target, Row row) {
    UUID id = row.getUUID("id");
    if (row.getInteger("version") == null) {
      target.remove(id);
      return false;
    }
    target.put(
        new IndexedArticle(
            id,
            row.getString("slug"),
            row.getInteger("version"),
            ArticleKind.valueOf(row.getString("kind")).wire(),
            row.getString("title"),
            row.getString("body"),
            row.getString("category"),
            ArticleInput.split(row.getString("tags")),
            ArticleInput.split(row.getString("problem_types")),
            ArticleInput.split(row.getString("channels")),
            Audience.valueOf(row.getString("audience")).wire(),
            instant(row.getOffsetDateTime("valid_from")),
            instant(row.getOffsetDateTime("valid_until"))));
    return true;
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
