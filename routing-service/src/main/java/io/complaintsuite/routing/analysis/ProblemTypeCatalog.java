package io.complaintsuite.routing.analysis;

import io.complaintsuite.contracts.Priority;
import java.util.Map;

/** The problem types routing knows, each with its owning department and default priority. */
public record ProblemTypeCatalog(Map<String, Entry> types) {
  public record Entry(String department, Priority defaultPriority) {}

  public Entry get(String problemType) {
    return types.get(problemType);
  }
}
