package io.complaintsuite.knowledge.analysis;

import io.complaintsuite.embeddings.SentenceEmbeddings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one Chinese analysis of the service, shared by the search index and the gap analytics (a
 * query's words must be the same for both). Building it parses the synonym rules, so once. And the
 * sentence embeddings of the search's meaning ranking: the JVM's one model (~100 MB, loaded once,
 * ~1 s).
 */
public class Analyses {
  @Produces
  @Singleton
  ChineseAnalysis analysis() {
    return ChineseAnalysis.standard();
  }

  @Produces
  @Singleton
  SentenceEmbeddings embeddings() {
    return SentenceEmbeddings.shared();
  }
}
