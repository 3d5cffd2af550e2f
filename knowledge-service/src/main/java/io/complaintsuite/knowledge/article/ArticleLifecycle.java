package io.complaintsuite.knowledge.article;

import io.complaintsuite.contracts.knowledge.ArticleArchived;
import io.complaintsuite.contracts.knowledge.ArticlePublished;
import io.complaintsuite.knowledge.events.KnowledgeEvents;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Creates articles and moves their versions through draft -> review -> published -> archived. Each
 * operation is one transaction holding the article's row lock, so two editors publishing at once
 * cannot leave two published versions; publishing supersedes (archives) the previous published
 * version in the same transaction and announces it through the outbox.
 */
@ApplicationScoped
public class ArticleLifecycle {
  private final Outbox outbox;
  private final Clock clock;

  public ArticleLifecycle(Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /** A new article with version 1 as a draft (or published at once: imports and the seed). */
  public Uni<ArticleView> create(ArticleInput input, String actor, boolean publish) {
    input.validated(true);
    return Panache.withTransaction(
        () ->
            Article.count("slug", input.slug())
                .chain(
                    existing -> {
                      if (existing > 0) {
                        throw new ProblemException(
                            409,
                            "Conflict",
                            "an article with slug " + input.slug() + " exists already",
                            List.of(
                                new io.complaintsuite.platform.problem.Problem.FieldError(
                                    "slug", "is taken")));
                      }
                      OffsetDateTime now = Timestamps.now(clock);
                      Article article = new Article();
                      article.id = UUID.randomUUID();
                      article.slug = input.slug();
                      article.kind = ArticleKind.fromWire(input.kind());
                      article.latestVersion = 1;
                      article.createdAt = now;
                      article.createdBy = actor;
                      article.updatedAt = now;
                      ArticleVersion version = newVersion(article, 1, input, actor, now);
                      return article
                          .persist()
                          .chain(() -> version.persist())
                          .chain(() -> history(article.id, 1, "created", actor, now))
                          .chain(
                              () ->
                                  publish
                                      ? publishVersion(article, version, actor)
                                      : Uni.createFrom().voidItem())
                          .chain(() -> view(article));
                    }));
  }

  /** A new draft after the latest version, e.g. a rule change; refused while one is unpublished. */
  public Uni<ArticleView> newDraft(UUID articleId, ArticleInput input, String actor) {
    input.validated(false);
    return Panache.withTransaction(
        () ->
            locked(articleId)
                .chain(
                    article ->
                        version(articleId, article.latestVersion)
                            .chain(
                                latest -> {
                                  if (latest.status == VersionStatus.DRAFT
                                      || latest.status == VersionStatus.REVIEW) {
                                    throw new ProblemException(
                                        409,
                                        "Conflict",
                                        "version "
                                            + latest.version
                                            + " is still "
                                            + latest.status.wire()
                                            + ": edit it instead of starting another");
                                  }
                                  OffsetDateTime now = Timestamps.now(clock);
                                  int number = article.latestVersion + 1;
                                  article.latestVersion = number;
                                  article.updatedAt = now;
                                  ArticleVersion version =
                                      newVersion(article, number, input, actor, now);
                                  return version
                                      .persist()
                                      .chain(
                                          () -> history(articleId, number, "created", actor, now))
                                      .chain(() -> view(article));
                                })));
  }

  /** Replaces a draft's content. */
  public Uni<ArticleView> edit(UUID articleId, int number, ArticleInput input, String actor) {
    input.validated(false);
    return Panache.withTransaction(
        () ->
            locked(articleId)
                .chain(
                    article ->
                        version(articleId, number)
                            .chain(
                                version -> {
                                  requireStatus(version, VersionStatus.DRAFT, "edited");
                                  OffsetDateTime now = Timestamps.now(clock);
                                  fill(version, input);
                                  version.updatedAt = now;
                                  article.updatedAt = now;
                                  return history(articleId, number, "edited", actor, now)
                                      .chain(() -> view(article));
                                })));
  }

  /** draft -> review. */
  public Uni<ArticleView> submit(UUID articleId, int number, String actor) {
    return transition(
        articleId,
        number,
        actor,
        (article, version) -> {
          requireStatus(version, VersionStatus.DRAFT, "submitted for review");
          version.status = VersionStatus.REVIEW;
          return history(articleId, number, "submitted", actor, Timestamps.now(clock));
        });
  }

  /** review -> published; the previously published version is archived (superseded) at once. */
  public Uni<ArticleView> publish(UUID articleId, int number, String actor) {
    return transition(
        articleId,
        number,
        actor,
        (article, version) -> {
          requireStatus(version, VersionStatus.REVIEW, "published");
          return publishVersion(article, version, actor);
        });
  }

  /** Any version that is not archived yet -> archived; archiving the published one withdraws it. */
  public Uni<ArticleView> archive(UUID articleId, int number, String actor) {
    return transition(
        articleId,
        number,
        actor,
        (article, version) -> {
          if (version.status == VersionStatus.ARCHIVED) {
            throw new ProblemException(
                409, "Conflict", "version " + number + " is archived already");
          }
          OffsetDateTime now = Timestamps.now(clock);
          boolean wasPublished = version.status == VersionStatus.PUBLISHED;
          version.status = VersionStatus.ARCHIVED;
          version.updatedAt = now;
          Uni<Void> done = history(articleId, number, "archived", actor, now);
          if (!wasPublished) {
            return done;
          }
          article.publishedVersion = null;
          return done.chain(
              () ->
                  outbox
                      .append(
                          KnowledgeEvents.ARTICLE_ARCHIVED,
                          article.id.toString(),
                          article.id.toString(),
                          new ArticleArchived(article.id, article.slug, number, actor, now))
                      .replaceWithVoid());
        });
  }

  public Uni<ArticleView> find(UUID articleId) {
    return Panache.withSession(
        () ->
            Article.<Article>findById(articleId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("article " + articleId))
                .chain(this::view));
  }

  public Uni<ArticleView> findBySlug(String slug) {
    return Panache.withSession(
        () ->
            Article.<Article>find("slug", slug)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("article " + slug))
                .chain(this::view));
  }

  public Uni<List<ArticleView.HistoryView>> history(UUID articleId) {
    return Panache.withSession(
        () ->
            Article.<Article>findById(articleId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("article " + articleId))
                .chain(
                    a ->
                        ArticleHistory.<ArticleHistory>find(
                                "articleId = ?1 order by at, version", articleId)
                            .list())
                .map(
                    rows ->
                        rows.stream()
                            .map(
                                h ->
                                    new ArticleView.HistoryView(h.version, h.action, h.actor, h.at))
                            .toList()));
  }

  private interface Step {
    Uni<Void> apply(Article article, ArticleVersion version);
  }

  private Uni<ArticleView> transition(UUID articleId, int number, String actor, Step step) {
    return Panache.withTransaction(
        () ->
            locked(articleId)
                .chain(
                    article ->
                        version(articleId, number)
                            .chain(
                                version -> {
                                  OffsetDateTime now = Timestamps.now(clock);
                                  version.updatedAt = now;
                                  article.updatedAt = now;
                                  return step.apply(article, version);
                                })
                            .chain(() -> view(article))));
  }

  private Uni<Void> publishVersion(Article article, ArticleVersion version, String actor) {
    OffsetDateTime now = Timestamps.now(clock);
    Integer previous = article.publishedVersion;
    Uni<Void> supersede = Uni.createFrom().voidItem();
    if (previous != null && previous != version.version) {
      supersede =
          version(article.id, previous)
              .chain(
                  old -> {
                    old.status = VersionStatus.ARCHIVED;
                    old.updatedAt = now;
                    return history(article.id, previous, "superseded", actor, now);
                  });
    }
    version.status = VersionStatus.PUBLISHED;
    version.updatedAt = now;
    article.publishedVersion = version.version;
    article.updatedAt = now;
    ArticlePublished event =
        new ArticlePublished(
            article.id,
            article.slug,
            version.version,
            previous,
            article.kind.wire(),
            version.title,
            version.category,
            version.audience.wire(),
            version.validFrom,
            version.validUntil,
            actor,
            now);
    return supersede
        .chain(() -> history(article.id, version.version, "published", actor, now))
        .chain(
            () ->
                outbox.append(
                    KnowledgeEvents.ARTICLE_PUBLISHED,
                    article.id.toString(),
                    article.id.toString(),
                    event))
        .replaceWithVoid();
  }

  private static void requireStatus(ArticleVersion version, VersionStatus wanted, String doing) {
    if (version.status != wanted) {
      throw new ProblemException(
          409,
          "Conflict",
          "version "
              + version.version
              + " is "
              + version.status.wire()
              + "; only a "
              + wanted.wire()
              + " version can be "
              + doing);
    }
  }

  private Uni<Article> locked(UUID articleId) {
    return Article.<Article>findById(articleId, LockModeType.PESSIMISTIC_WRITE)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("article " + articleId));
  }

  private static Uni<ArticleVersion> version(UUID articleId, int number) {
    return ArticleVersion.<ArticleVersion>find("articleId = ?1 and version = ?2", articleId, number)
        .firstResult()
        .onItem()
        .ifNull()
        .failWith(
            () -> ProblemException.notFound("version " + number + " of article " + articleId));
  }

  private Uni<ArticleView> view(Article article) {
    return ArticleVersion.<ArticleVersion>find("articleId = ?1 order by version", article.id)
        .list()
        .map(versions -> ArticleView.of(article, versions));
  }

  private static ArticleVersion newVersion(
      Article article, int number, ArticleInput input, String actor, OffsetDateTime now) {
    ArticleVersion version = new ArticleVersion();
    version.id = UUID.randomUUID();
    version.articleId = article.id;
    version.version = number;
    version.status = VersionStatus.DRAFT;
    version.createdAt = now;
    version.createdBy = actor;
    version.updatedAt = now;
    fill(version, input);
    return version;
  }

  private static void fill(ArticleVersion version, ArticleInput input) {
    version.title = input.title().trim();
    version.body = input.body();
    version.category = input.category().trim();
    version.tags = ArticleInput.join(input.tags());
    version.problemTypes = ArticleInput.join(input.problemTypes());
    version.channels = ArticleInput.join(input.channels());
    version.audience = Audience.fromWire(input.audience());
    version.validFrom = input.validFrom();
    version.validUntil = input.validUntil();
    version.reviewDue = input.reviewDue();
  }

  private Uni<Void> history(
      UUID articleId, int version, String action, String actor, OffsetDateTime at) {
    ArticleHistory entry = new ArticleHistory();
    entry.id = UUID.randomUUID();
    entry.articleId = articleId;
    entry.version = version;
    entry.action = action;
    entry.actor = actor;
    entry.at = at;
    return entry.persist().replaceWithVoid();
  }
}
