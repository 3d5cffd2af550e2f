package io.complaintsuite.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SentenceEmbeddingsTest {

  @Test
  void similarComplaintsAreCloserThanUnrelatedOnes() {
    SentenceEmbeddings model = SentenceEmbeddings.shared();
    float[] topUp = model.embed("话费充了咋还没到账");
    float[] recharge = model.embed("充值成功了但是余额没有增加");
    float[] parcel = model.embed("快递三天了还没送到");
    System.out.printf(
        "cos(top-up, recharge)=%.3f cos(top-up, parcel)=%.3f%n",
        SentenceEmbeddings.cosine(topUp, recharge), SentenceEmbeddings.cosine(topUp, parcel));
    assertEquals(SentenceEmbeddings.DIMENSIONS, topUp.length);
    assertEquals(1.0, SentenceEmbeddings.cosine(topUp, topUp), 1e-4);
    assertTrue(
        SentenceEmbeddings.cosine(topUp, recharge)
            > SentenceEmbeddings.cosine(topUp, parcel) + 0.05,
        "a top-up that did not arrive is nearer to another missing top-up than to a late parcel");
  }

  @Test
  void manyAtOnceEqualOneByOne() {
    SentenceEmbeddings model = SentenceEmbeddings.shared();
    java.util.List<String> texts = java.util.List.of("快递三天了还没送到", "优惠券用不了", "账号被盗了");
    java.util.List<float[]> all = model.embedAll(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(1.0, SentenceEmbeddings.cosine(all.get(i), model.embed(texts.get(i))), 1e-4);
    }
  }
}
