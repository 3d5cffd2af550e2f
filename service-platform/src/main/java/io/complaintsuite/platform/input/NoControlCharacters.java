package io.complaintsuite.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.complaintsuite.platform.problem.Problem;
import io.complaintsuite.platform.problem.ProblemException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Text that PostgreSQL cannot store (U+0000) or that no person typed (other control characters in
 * an id or a query parameter) is refused as a 400 naming the field, instead of failing deep in the
 * database as a 500. In JSON bodies only NUL is refused: tabs and newlines are legitimate in a
 * complaint's description.
 */
@Singleton
public class NoControlCharacters implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.registerModule(
        new SimpleModule("no-nul").addDeserializer(String.class, new NulRefusingStrings()));
  }

  /** Path and query parameters, checked once the resource is matched (so their names are known). */
  @ServerRequestFilter
  public void parameters(ContainerRequestContext request, UriInfo uri) {
    check(uri.getPathParameters(true), "");
    check(uri.getQueryParameters(true), "");
  }

  private static void check(MultivaluedMap<String, String> parameters, String prefix) {
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      for (String value : parameter.getValue()) {
        if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
          throw new ProblemException(
              400,
              "Invalid request",
              prefix + parameter.getKey() + ": must not contain control characters",
              List.of(
                  new Problem.FieldError(
                      prefix + parameter.getKey(), "must not contain control characters")));
        }
      }
    }
  }

  static final class NulRefusingStrings extends StringDeserializer {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String value = super.deserialize(parser, context);
      if (value != null && value.indexOf('\u0000') >= 0) {
        throw InvalidFormatException.from(
            parser, "must not contain the NUL character (U+0000)", value, String.class);
      }
      return value;
    }
  }
}
