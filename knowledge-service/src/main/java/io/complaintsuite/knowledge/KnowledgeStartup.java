package io.complaintsuite.knowledge;

import io.complaintsuite.knowledge.importing.ArticleImporter;
import io.complaintsuite.knowledge.importing.SeedLoader;
import io.complaintsuite.knowledge.search.SearchIndex;
import io.complaintsuite.knowledge.settings.KnowledgeSettings;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * At start: loads the starter articles into an empty database (so a fresh suite answers), then
 * opens the search index (rebuilt from the database when missing).
 */
@ApplicationScoped
public class KnowledgeStartup {
  private static final Logger LOG = Logger.getLogger(KnowledgeStartup.class);

  void onStart(
      @Observes StartupEvent event,
      Pool pool,
      ArticleImporter importer,
      SearchIndex index,
      KnowledgeSettings settings)
      throws Throwable {
    if (settings.seed().enabled()) {
      long articles =
          pool.query("select count(*) from article")
              .execute()
              .await()
              .atMost(Duration.ofSeconds(30))
              .iterator()
              .next()
              .getLong(0);
      if (articles == 0) {
        ArticleImporter.Outcome outcome =
            VertxContextSupport.subscribeAndAwait(
                () -> importer.importAll(SeedLoader.articles(), "seed", true));
        LOG.infof("seeded %d starter articles", outcome.created().size());
      }
    }
    index.start();
  }
}
