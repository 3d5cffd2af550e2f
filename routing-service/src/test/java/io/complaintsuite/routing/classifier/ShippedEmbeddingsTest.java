package io.complaintsuite.routing.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.embeddings.EmbeddingStore;
import io.complaintsuite.embeddings.SentenceEmbeddings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The corpus's vectors shipped with the service ({@link Meaning#SHIPPED}) cover every training row
 * and equal what the model computes, so a start trains in seconds without embedding 1,590 texts.
 * After editing the corpus, regenerate: {@code ./mvnw -o test -pl routing-service
 * -Dtest=ShippedEmbeddingsTest -Dembeddings.regenerate=true}.
 */
class ShippedEmbeddingsTest {

  @Test
  void everyTrainingRowHasItsVectorAndTheVectorsAreTheModels() throws IOException {
    Map<String, float[]> shipped;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(Meaning.SHIPPED)) {
      shipped = EmbeddingStore.read(in);
    }
    List<LabelledComplaint> training = Corpus.training();
    long missing = training.stream().filter(c -> !shipped.containsKey(c.text())).count();
    assertEquals(0, missing, "training rows without a shipped vector: regenerate (see class doc)");
    SentenceEmbeddings model = SentenceEmbeddings.shared();
    for (int i = 0; i < training.size(); i += 160) {
      String text = training.get(i).text();
      float cosine = SentenceEmbeddings.cosine(shipped.get(text), model.embed(text));
      assertTrue(cosine > 0.995, "shipped vector of '" + text + "' differs: cosine " + cosine);
    }
    assertTrue(
        Corpus.heldOut().stream().noneMatch(c -> shipped.containsKey(c.text())),
        "held-out texts are never shipped (the cascade would skip their embedding cost)");
  }

  @Test
  @EnabledIfSystemProperty(named = "embeddings.regenerate", matches = "true")
  void regenerate() throws IOException {
    List<String> texts = Corpus.training().stream().map(LabelledComplaint::text).toList();
    Map<String, float[]> vectors = new LinkedHashMap<>();
    List<float[]> computed = SentenceEmbeddings.shared().embedAll(texts);
    for (int i = 0; i < texts.size(); i++) {
      vectors.put(texts.get(i), computed.get(i));
    }
    Path file = Path.of("src/main/resources").resolve(Meaning.SHIPPED);
    EmbeddingStore.write(Files.newOutputStream(file), vectors);
    System.out.println("wrote " + vectors.size() + " vectors to " + file);
  }
}
