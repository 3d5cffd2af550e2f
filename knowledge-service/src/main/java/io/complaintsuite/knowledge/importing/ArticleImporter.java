package io.complaintsuite.knowledge.importing;

import io.complaintsuite.knowledge.article.Article;
import io.complaintsuite.knowledge.article.ArticleInput;
import io.complaintsuite.knowledge.article.ArticleLifecycle;
import io.complaintsuite.knowledge.search.SearchIndex;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Creates imported articles one by one; a slug that exists already is skipped, so an import (and
 * the seed) can be run again safely.
 */
@ApplicationScoped
public class ArticleImporter {
  /** What an import did. */
  public record Outcome(List<String> created, List<String> skipped) {}

  private final ArticleLifecycle lifecycle;
  private final SearchIndex index;

  public ArticleImporter(ArticleLifecycle lifecycle, SearchIndex index) {
    this.lifecycle = lifecycle;
    this.index = index;
  }

  public Uni<Outcome> importAll(List<ArticleInput> inputs, String actor, boolean publish) {
    List<String> created = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<UUID> published = new ArrayList<>();
    return Multi.createFrom()
        .iterable(inputs)
        .onItem()
        .transformToUniAndConcatenate(
            input ->
                Panache.withSession(() -> Article.count("slug", input.slug()))
                    .chain(
                        existing -> {
                          if (existing > 0) {
                            skipped.add(input.slug());
                            return Uni.createFrom().voidItem();
                          }
                          return lifecycle
                              .create(input, actor, publish)
                              .invoke(
                                  view -> {
                                    created.add(input.slug());
                                    if (publish) {
                                      published.add(view.id());
                                    }
                                  })
                              .replaceWithVoid();
                        }))
        .collect()
        .last()
        // The index is updated after every transaction ran: its work is moved off the event
        // loop, where Hibernate Reactive could not continue.
        .chain(
            () ->
                Multi.createFrom()
                    .iterable(published)
                    .onItem()
                    .transformToUniAndConcatenate(index::reload)
                    .collect()
                    .last())
        .map(ignored -> new Outcome(created, skipped));
  }
}
