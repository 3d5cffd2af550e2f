package io.complaintsuite.embeddings;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.util.List;

/**
 * Chinese sentence embeddings computed in-process: BAAI bge-small-zh-v1.5, quantised ONNX, shipped
 * in a jar (no network at run time). 512 dimensions, unit length, so the dot product is the cosine.
 * About 8 ms of CPU per short text on the project's machines. One model per JVM: it holds an ONNX
 * session of ~100 MB and is safe to share between threads.
 */
public final class SentenceEmbeddings {
  public static final int DIMENSIONS = 512;

  /** bge-zh's instruction for short queries that retrieve passages (not for text-to-text). */
  public static final String QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

  private static volatile SentenceEmbeddings shared;

  private final EmbeddingModel model;

  private SentenceEmbeddings(EmbeddingModel model) {
    this.model = model;
  }

  /** The JVM's one model, loaded on first use (~1 s). */
  public static SentenceEmbeddings shared() {
    SentenceEmbeddings s = shared;
    if (s == null) {
      synchronized (SentenceEmbeddings.class) {
        s = shared;
        if (s == null) {
          s = new SentenceEmbeddings(new BgeSmallZhV15QuantizedEmbeddingModel());
          shared = s;
        }
      }
    }
    return s;
  }

  /** The unit-length embedding of {@code text}. */
  public float[] embed(String text) {
    return unit(model.embed(text.isBlank() ? "。" : text).content().vector());
  }

  /** Embeddings of many texts (the model batches them). */
  public List<float[]> embedAll(List<String> texts) {
    return model
        .embedAll(texts.stream().map(t -> TextSegment.from(t.isBlank() ? "。" : t)).toList())
        .content()
        .stream()
        .map(e -> unit(e.vector()))
        .toList();
  }

  /** The dot product: the cosine similarity of two unit vectors. */
  public static float cosine(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm == 0) {
      return v;
    }
    float[] u = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      u[i] = (float) (v[i] / norm);
    }
    return u;
  }
}
