package io.complaintsuite.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error a client can cause, and every one it cannot, answered as problem+json. */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return respond(e.toProblem(uri.getPath()));
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e, UriInfo uri) {
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    String detail =
        errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    return respond(
        new Problem("about:blank", "Invalid request", 400, detail, uri.getPath(), errors));
  }

  // Listed one by one: quarkus-rest-jackson has its own mappers for some of these subtypes.
  @ServerExceptionMapper({
    JsonProcessingException.class,
    com.fasterxml.jackson.core.JsonParseException.class,
    JsonMappingException.class,
    com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
    InvalidFormatException.class,
    UnrecognizedPropertyException.class,
    com.fasterxml.jackson.databind.exc.ValueInstantiationException.class
  })
  public Response unreadable(JsonProcessingException e, UriInfo uri) {
    String field = null;
    String message;
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = pathOf(mapping.getPath());
    }
    if (e instanceof InvalidFormatException format && format.getTargetType() == String.class) {
      message = format.getOriginalMessage(); // e.g. a NUL character (see NoControlCharacters)
    } else if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
      Class<?> target = format.getTargetType();
      message =
          target.isEnum()
              ? "must be one of " + enumValues(target)
              : "cannot be read as " + target.getSimpleName();
    } else if (e instanceof UnrecognizedPropertyException) {
      message = "is not a known field";
    } else if (e instanceof JsonMappingException && field != null) {
      message = "has the wrong type";
    } else {
      message = "the body is not valid JSON: " + e.getOriginalMessage();
    }
    List<Problem.FieldError> errors =
        field == null ? null : List.of(new Problem.FieldError(field, message));
    String detail = field == null ? message : field + ": " + message;
    return respond(
        new Problem("about:blank", "Invalid request", 400, detail, uri.getPath(), errors));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
    Response.ResponseBuilder builder =
        Response.status(status)
            .type(Problem.MEDIA_TYPE)
            .entity(new Problem("about:blank", title, status, e.getMessage(), uri.getPath(), null));
    // Keep headers such as Allow (405) and WWW-Authenticate (401).
    e.getResponse()
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")
                  && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
              }
            });
    return builder.build();
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e, UriInfo uri) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof jakarta.persistence.OptimisticLockException
          || cause instanceof org.hibernate.StaleStateException) {
        // Two writers raced on the same version: the loser must reload, never overwrite.
        return respond(
            new Problem(
                "about:blank",
                "Conflict",
                409,
                "the resource was changed by someone else at the same time; reload it and try again",
                uri.getPath(),
                null));
      }
      if (cause instanceof ProblemException problem) {
        return problem(problem, uri);
      }
    }
    LOG.errorf(e, "unexpected failure on %s", uri.getPath());
    return respond(
        new Problem(
            "about:blank",
            "Internal error",
            500,
            "the request could not be completed; nothing was changed unless the response said so",
            uri.getPath(),
            null));
  }

  static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  /** {@code create.body.customer.email} becomes {@code customer.email}: the body's own path. */
  static String fieldOf(ConstraintViolation<?> violation) {
    StringBuilder field = new StringBuilder();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
        if (node.getKind() == ElementKind.PARAMETER && !isBody(node.getName())) {
          field.append(node.getName());
        }
        continue;
      }
      // Hibernate Validator puts a list element's index on the node after the list.
      if (node.isInIterable() && node.getIndex() != null) {
        field.append('[').append(node.getIndex()).append(']');
      } else if (node.isInIterable() && node.getKey() != null) {
        field.append('[').append(node.getKey()).append(']');
      }
      if (node.getKind() == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
        continue;
      }
      if (field.length() > 0) {
        field.append('.');
      }
      field.append(node.getName());
    }
    return field.length() == 0 ? "body" : field.toString();
  }

  private static boolean isBody(String parameter) {
    return parameter.equals("body") || parameter.equals("request");
  }

  private static String pathOf(List<JsonMappingException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getFieldName() != null) {
        if (field.length() > 0) {
          field.append('.');
        }
        field.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        field.append('[').append(ref.getIndex()).append(']');
      }
    }
    return field.toString();
  }

  private static String enumValues(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(
            c -> {
              try {
                var json =
                    type.getField(((Enum<?>) c).name())
                        .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                return json != null ? json.value() : ((Enum<?>) c).name();
              } catch (NoSuchFieldException ex) {
                return ((Enum<?>) c).name();
              }
            })
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
