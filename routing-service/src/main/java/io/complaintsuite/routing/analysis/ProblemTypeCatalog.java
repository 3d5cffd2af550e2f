package io.complaintsuite.routing.analysis;

import io.complaintsuite.contracts.Priority;
import java.util.Map;

/** The problem types routing knows, each with its owning department and default priority. */
public record ProblemTypeCatalog(Map<String, Entry> types) {
  public record Entry(String department, Priority defaultPriority) {}

  public Entry get(String problemType) {
    return types.get(problemType);
  }

  /** The types whose default priority is urgent. */
  public java.util.Set<String> urgentTypes() {
    java.util.Set<String> urgent = new java.util.HashSet<>();
    types.forEach(
        (code, e) -> {
          if (e.defaultPriority() == Priority.URGENT) {
            urgent.add(code);
          }
        });
    return urgent;
  }
}
