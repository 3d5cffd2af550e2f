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
 * The problem-type catalogue, read once: it changes only with a migration (there is no API that
 * edits it), so every complaint need not query it.
 */
@ApplicationScoped
public class Catalogs {
  private final Pool pool;
  private final AtomicReference<ProblemTypeCatalog> cached = new AtomicReference<>();

  public Catalogs(Pool pool) {
    this.pool = pool;
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
