package io.complaintsuite.intake.action;

import io.complaintsuite.platform.problem.Problem;
import io.complaintsuite.platform.problem.ProblemException;
import java.util.List;

/** HTTP conditional requests: If-Match against the complaint's version (its ETag). */
public final class Preconditions {
  private Preconditions() {}

  /** No header: the caller accepts any version. A mismatch is 412: reload and decide again. */
  public static void checkIfMatch(String ifMatch, long version) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return;
    }
    for (String tag : ifMatch.split(",")) {
      String value = tag.trim();
      if (value.startsWith("W/")) {
        value = value.substring(2);
      }
      value = value.replace("\"", "");
      if (value.equals(Long.toString(version))) {
        return;
      }
    }
    throw new ProblemException(
        412,
        "Precondition failed",
        "the complaint changed since you read it (now version "
            + version
            + "); reload it and try again",
        List.of(
            new Problem.FieldError(
                "If-Match", "does not match the current ETag \"" + version + "\"")));
  }
}
