package io.complaintsuite.platform.query;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The answer of a list endpoint whose body is a JSON array (alerts, surveys, call-backs: their
 * clients read arrays): the page's items, and when another page follows an RFC 8288 {@code Link}
 * header, {@code <the same request with cursor=…>; rel="next"}.
 */
public final class Paging {
  private Paging() {}

  public static <T> RestResponse<List<T>> response(ListQuery.Page<T> page, UriInfo uri) {
    RestResponse.ResponseBuilder<List<T>> answer = RestResponse.ResponseBuilder.ok(page.items());
    if (page.next() != null) {
      answer.header(
          "Link",
          "<"
              + uri.getRequestUriBuilder().replaceQueryParam("cursor", page.next()).build()
              + ">; rel=\"next\"");
    }
    return answer.build();
  }
}
