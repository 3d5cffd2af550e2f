package io.complaintsuite.platform.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body whose declared length is over the limit with a problem+json 413 before reading it.
 * (A body that does not declare its length is cut off by the HTTP layer's own limit, with a bare
 * 413.)
 */
@ApplicationScoped
public class BodySizeLimit {
  private final long limit;

  public BodySizeLimit(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
          MemorySize limit) {
    this.limit = limit.asLongValue();
  }

  void register(@Observes Filters filters) {
    filters.register(
        ctx -> {
          String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
          long length = -1;
          if (declared != null) {
            try {
              length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
              length = -1;
            }
          }
          if (length <= limit) {
            ctx.next();
            return;
          }
          String body =
              "{\"type\":\"about:blank\",\"title\":\"Payload too large\",\"status\":413,"
                  + "\"detail\":\"the body has "
                  + length
                  + " bytes; at most "
                  + limit
                  + " are accepted\"}";
          ctx.response()
              .setStatusCode(413)
              .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
              .putHeader(HttpHeaders.CONNECTION, "close")
              .end(body);
        },
        // Before everything else, authentication included: the body is never read.
        Integer.MAX_VALUE);
  }
}
