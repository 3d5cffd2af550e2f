package io.complaintsuite.knowledge.importing;

import io.complaintsuite.knowledge.article.ArticleInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The starter articles shipped in {@code seed/} (listed in {@code seed/index.txt}). */
public final class SeedLoader {
  private SeedLoader() {}

  public static List<ArticleInput> articles() {
    List<ArticleInput> inputs = new ArrayList<>();
    for (String line : read("seed/index.txt").split("\n")) {
      String file = line.trim();
      if (!file.isEmpty() && !file.startsWith("#")) {
        inputs.add(ArticleFiles.markdown(read("seed/" + file)));
      }
    }
    return inputs;
  }

  static String read(String resource) {
    try (InputStream in = SeedLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
