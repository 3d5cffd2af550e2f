package io.complaintsuite.routing.analysis;

import io.complaintsuite.contracts.Priority;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The problem-type catalogue in force, cached: it changes only when an administrator activates a
 * catalogue version (catalogue.CatalogueVersions invalidates it on this replica; {@link #refresh}
 * notices another replica's activation), so every complaint need not query it.
 */
@ApplicationScoped
public class Catalogs {
  private final Pool pool;
  private final AtomicReference<ProblemTypeCatalog> cached = new AtomicReference<>();
  private final AtomicReference<Integer> activeVersion = new AtomicReference<>();

  public Catalogs(Pool pool) {
    this.pool = pool;
  }

  /** Forgets the cached catalogue: the next complaint reads the one in force. */
  public void invalidate() {
    cached.set(null);
    activeVersion.set(null);
  }

  /** Invalidates the cache when another replica activated a catalogue version. */
  @io.quarkus.scheduler.Scheduled(
      every = "${routing.classifier.refresh-interval}",
      delayed = "${routing.classifier.refresh-interval}",
      concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return pool.query("select version from catalogue_version where status = 'active'")
        .execute()
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger("version") : 0)
        .invoke(
            version -> {
              Integer known = activeVersion.getAndSet(version);
              if (known != null && !known.equals(version)) {
                cached.set(null);
              }
            })
        .replaceWithVoid();
  }

  /** Read once from the database (plain SQL: callers may or may not hold a Hibernate session). */
  public Uni<ProblemTypeCatalog> problemTypes() {
    ProblemTypeCatalog catalog = cached.get();
    if (catalog != null) {
      return Uni.createFrom().item(catalog);
    }
    return pool.query("select code, department, default_priority from problem_type")
        .execute()
        .map(
            rows -> {
              Map<String, ProblemTypeCatalog.Entry> types = new HashMap<>();
              for (Row t : rows) {
                types.put(
                    t.getString("code"),
                    new ProblemTypeCatalog.Entry(
                        t.getString("department"),
                        Priority.valueOf(
                            t.getString("default_priority").toUpperCase(Locale.ROOT))));
              }
              ProblemTypeCatalog loaded = new ProblemTypeCatalog(Map.copyOf(types));
              cached.set(loaded);
              return loaded;
            });
  }
}
