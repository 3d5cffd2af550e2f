package io.complaintsuite.embeddings;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings computed once and shipped or cached with the texts they belong to, so a service does
 * not spend 8 ms of CPU per text of its training data at every start. Each vector is stored as
 * signed bytes with its own scale (a quarter of the float size; cosines move by less than 0.005,
 * {@code EmbeddingStoreTest}). Format: magic, dimensions, count, then per entry the UTF-8 text, the
 * scale and the bytes.
 */
public final class EmbeddingStore {
  private static final int MAGIC = 0x454D4231; // "EMB1"

  private EmbeddingStore() {}

  /** Text → unit vector, in the order written. */
  public static Map<String, float[]> read(InputStream in) {
    Map<String, float[]> vectors = new LinkedHashMap<>();
    try (DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
      if (data.readInt() != MAGIC) {
        throw new IllegalArgumentException("not an embedding store");
      }
      int dimensions = data.readInt();
      int count = data.readInt();
      byte[] quantised = new byte[dimensions];
      for (int i = 0; i < count; i++) {
        byte[] text = new byte[data.readInt()];
        data.readFully(text);
        float scale = data.readFloat();
        data.readFully(quantised);
        float[] v = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
          v[d] = quantised[d] * scale;
        }
        vectors.put(new String(text, StandardCharsets.UTF_8), SentenceEmbeddings.unit(v));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return vectors;
  }

  public static void write(OutputStream out, Map<String, float[]> vectors) {
    try (DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out))) {
      int dimensions = vectors.isEmpty() ? 0 : vectors.values().iterator().next().length;
      data.writeInt(MAGIC);
      data.writeInt(dimensions);
      data.writeInt(vectors.size());
      for (Map.Entry<String, float[]> e : vectors.entrySet()) {
        byte[] text = e.getKey().getBytes(StandardCharsets.UTF_8);
        data.writeInt(text.length);
        data.write(text);
        float max = 0;
        for (float x : e.getValue()) {
          max = Math.max(max, Math.abs(x));
        }
        float scale = max == 0 ? 1 : max / 127f;
        data.writeFloat(scale);
        for (float x : e.getValue()) {
          data.writeByte(Math.round(x / scale));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The vectors of {@code texts}: from {@code known} where present, the rest computed by the model
   * (and added to {@code known}).
   */
  public static List<float[]> vectorsOf(
      List<String> texts, Map<String, float[]> known, SentenceEmbeddings model) {
    List<String> missing = texts.stream().filter(t -> !known.containsKey(t)).distinct().toList();
    if (!missing.isEmpty()) {
      List<float[]> computed = model.embedAll(missing);
      for (int i = 0; i < missing.size(); i++) {
        known.put(missing.get(i), computed.get(i));
      }
    }
    return texts.stream().map(known::get).toList();
  }
}
