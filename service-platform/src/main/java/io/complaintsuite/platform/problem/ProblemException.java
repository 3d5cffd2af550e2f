package io.complaintsuite.platform.problem;

import java.util.List;

/** Thrown by application code to answer with a problem+json of the given status. */
public class ProblemException extends RuntimeException {
  private final int status;
  private final String title;
  private final List<Problem.FieldError> errors;

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, null);
  }

  public ProblemException(
      int status, String title, String detail, List<Problem.FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = errors;
  }

  public static ProblemException badField(String field, String message) {
    return new ProblemException(
        400,
        "Invalid request",
        field + ": " + message,
        List.of(new Problem.FieldError(field, message)));
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(404, "Not found", what + " does not exist");
  }

  /** 409: the request clashes with what is stored (a taken name, a stale state). */
  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail);
  }

  public Problem toProblem(String instance) {
    return new Problem("about:blank", title, status, getMessage(), instance, errors);
  }

  public int status() {
    return status;
  }
}
