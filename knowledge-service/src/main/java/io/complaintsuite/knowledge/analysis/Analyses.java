package io.complaintsuite.knowledge.analysis;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one Chinese analysis of the service, shared by the search index and the gap analytics (a
 * query's words must be the same for both). Building it parses the synonym rules, so once.
 */
public class Analyses {
  @Produces
  @Singleton
  ChineseAnalysis analysis() {
    return ChineseAnalysis.standard();
  }
}
