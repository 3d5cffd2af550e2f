package io.complaintsuite.embeddings;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Chinese sentence embeddings computed in-process: BAAI bge-small-zh-v1.5, quantised ONNX, shipped
 * in a jar (no network at run time). 512 dimensions, unit length, so the dot product is the cosine.
 * One model per JVM: it holds an ONNX session of ~100 MB and is safe to share between threads.
 *
 * <p>The session runs each embedding on the calling thread (one intra-op thread, no spinning): ONNX
 * Runtime's default pool of spinning threads per session burned as much CPU again as the embedding
 * itself when a service embeds on several threads at once (routing's benchmark: 12.4 ms of CPU per
 * complaint with it); callers get their parallelism from their own threads.
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
          s = new SentenceEmbeddings(new SingleThreaded(load()));
          shared = s;
        }
      }
    }
    return s;
  }

  /** bge-small-zh-v1.5 (quantised) from its jar, in a session without a thread pool of its own. */
  private static OnnxBertBiEncoder load() {
    ClassLoader jar = BgeSmallZhV15QuantizedEmbeddingModel.class.getClassLoader();
    try (InputStream model = jar.getResourceAsStream("bge-small-zh-v1.5-q.onnx");
        InputStream tokenizer = jar.getResourceAsStream("bge-small-zh-v1.5-q-tokenizer.json");
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      if (model == null || tokenizer == null) {
        throw new IllegalStateException("bge-small-zh-v1.5-q is missing from the classpath");
      }
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession session = environment.createSession(model.readAllBytes(), options);
      return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot open the embedding model", e);
    }
  }

  /** langchain4j's in-process model over our session. */
  private static final class SingleThreaded extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    SingleThreaded(OnnxBertBiEncoder encoder) {
      super(null);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return DIMENSIONS;
    }
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
