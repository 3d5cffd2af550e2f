package io.complaintsuite.knowledge.search;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.lucene.util.BytesRef;

/**
 * All sentence vectors of one article packed into one doc value, read back only for the few
 * candidates of a search (Lucene 9 holds one vector per field and document in its HNSW graph; the
 * article's headline vector is there). Each unit vector is stored as a float scale and one signed
 * byte per dimension, as the suite's {@code EmbeddingStore} does: a quarter of the floats, and a
 * cosine moves by less than 0.005.
 */
final class PassageVectors {
  private PassageVectors() {}

  static BytesRef encode(List<float[]> vectors) {
    int dimensions = vectors.isEmpty() ? 0 : vectors.get(0).length;
    ByteBuffer out = ByteBuffer.allocate(vectors.size() * (Float.BYTES + dimensions));
    for (float[] v : vectors) {
      float max = 0;
      for (float x : v) {
        max = Math.max(max, Math.abs(x));
      }
      float scale = max == 0 ? 1 : max / 127f;
      out.putFloat(scale);
      for (float x : v) {
        out.put((byte) Math.round(x / scale));
      }
    }
    return new BytesRef(out.array());
  }

  /** The highest cosine between {@code question} (a unit vector) and the packed vectors. */
  static float maxCosine(BytesRef packed, float[] question) {
    int stride = Float.BYTES + question.length;
    ByteBuffer in = ByteBuffer.wrap(packed.bytes, packed.offset, packed.length);
    float best = -1;
    for (int start = packed.offset; start + stride <= packed.offset + packed.length; ) {
      float scale = in.getFloat(start);
      int from = start + Float.BYTES;
      float dot = 0;
      for (int d = 0; d < question.length; d++) {
        dot += question[d] * packed.bytes[from + d];
      }
      best = Math.max(best, dot * scale);
      start += stride;
    }
    return best;
  }
}
