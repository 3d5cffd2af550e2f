package io.complaintsuite.routing.routing;

import io.complaintsuite.contracts.Priority;
import io.complaintsuite.routing.department.ProblemType;
import io.smallrye.mutiny.Uni;
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
  private final AtomicReference<ProblemTypeCatalog> cached = new AtomicReference<>();

  /** Needs a Hibernate Reactive session the first time. */
  public Uni<ProblemTypeCatalog> problemTypes() {
    ProblemTypeCatalog catalog = cached.get();
    if (catalog != null) {
      return Uni.createFrom().item(catalog);
    }
    return ProblemType.<ProblemType>listAll()
        .map(
            all -> {
              Map<String, ProblemTypeCatalog.Entry> types = new HashMap<>();
              for (ProblemType t : all) {
                types.put(
                    t.code,
                    new ProblemTypeCatalog.Entry(
                        t.department,
                        Priority.valueOf(t.defaultPriority.toUpperCase(Locale.ROOT))));
              }
              ProblemTypeCatalog loaded = new ProblemTypeCatalog(Map.copyOf(types));
              cached.set(loaded);
              return loaded;
            });
  }
}
