package io.complaintsuite.knowledge.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/**
 * Every operator setting of knowledge-service ({@code knowledge.*}); docs/operations.md lists them.
 * Each default is in one place: here, except the index path (an environment variable and a value
 * per profile) and the answer's threshold and calibration (refitted with AnswerCalibration; the
 * answer report and SearchBenchmark read them from the file), which are set in
 * application.properties and only there.
 */
@ConfigMapping(prefix = "knowledge")
public interface KnowledgeSettings {
  Suggestions suggestions();

  Seed seed();

  Index index();

  Answer answer();

  interface Suggestions {
    /** Articles per {@code knowledge.suggested} event. */
    @WithDefault("3")
    int count();
  }

  interface Seed {
    /** Load the starter articles (classpath {@code seed/}) when the database has no article. */
    @WithDefault("true")
    boolean enabled();
  }

  interface Index {
    /** Where this replica's Lucene index lives (local disk; rebuilt from PostgreSQL if missing). */
    Path path();
  }

  /**
   * confidence = 1 / (1 + e^-(cosine*calibrationCosine + cosineMargin*calibrationCosineMargin +
   * coverage*calibrationCoverage + calibrationBias)).
   */
  interface Answer {
    /** Answers below this confidence hand off to a human. */
    double handoffThreshold();

    /** Weight of the best article's cosine to the question (its best passage). */
    double calibrationCosine();

    /** Weight of that cosine's margin over the runners-up's. */
    double calibrationCosineMargin();

    /** Weight of the share of the question's words the article has (synonyms included). */
    double calibrationCoverage();

    double calibrationBias();
  }
}
