package io.complaintsuite.knowledge.search;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * The layout of an article's Lucene document: its fields, how {@link ArticleIndex} writes them and
 * how a hit is read back. Kept in one place so that writer and readers cannot drift apart; a change
 * here needs a new {@link #FORMAT}.
 */
final class ArticleDocument {
  static final String ID = "id";
  static final String SLUG = "slug";
  static final String VERSION = "version";
  static final String TITLE = "title";
  static final String BODY = "body";
  static final String TAGS = "tags";
  static final String TAG = "tag";
  static final String TITLE_GRAMS = "title_grams";
  static final String BODY_GRAMS = "body_grams";
  static final String KIND = "kind";
  static final String CATEGORY = "category";
  static final String CHANNEL = "channel";
  static final String AUDIENCE = "audience";
  static final String VALID_FROM = "valid_from";
  static final String VALID_UNTIL = "valid_until";

  /** The headline's sentence embedding, in Lucene's HNSW graph: the vector search's candidates. */
  static final String MEANING = "meaning";

  /**
   * The headline's and every passage's embedding ({@link PassageVectors}): the candidates' cosine.
   */
  static final String PASSAGES = "passages";

  /** The channel term of an article without channels: it matches every channel filter. */
  static final String ANY_CHANNEL = "*";

  /**
   * The layout of the documents; a different one in an existing index makes the service rebuild it.
   */
  static final String FORMAT = "3";

  /**
   * Passages embedded per article at most: bounds the embedding time of a long article (1-4 ms per
   * passage); the starter articles have 2 to 8.
   */
  static final int MAX_PASSAGES = 32;

  /** Passages end at a full stop, exclamation or question mark, semicolon or line end. */
  private static final Pattern SENTENCE_END = Pattern.compile("[。！？；!?;\\n]+");

  /** Title and body keep their term offsets: snippets are cut without analysing the text again. */
  private static final FieldType TEXT_WITH_OFFSETS = textWithOffsets();

  private static final Pattern MARKDOWN = Pattern.compile("(?m:^\\s*>)|[#*`_\\[\\]|]+|\\s+");

  private ArticleDocument() {}

  /**
   * The texts whose embeddings stand for an article: its headline (title and tags) first, then each
   * sentence of the body. One vector per sentence because a customer's question usually matches one
   * sentence of the answer (退回支付宝要几天 → "微信、支付宝：1–3 个工作日"), which one vector for the whole article
   * blurs: on the 189 answerable calibration questions the article with the nearest headline or
   * passage was right for 163, against 154 for one vector of headline and the body's first 200
   * characters and 146 for the headline alone (AnswerCalibration prints this).
   */
  static List<String> meaningTexts(IndexedArticle a) {
    List<String> texts = new ArrayList<>();
    texts.add(headline(a));
    for (String sentence : SENTENCE_END.split(a.body())) {
      String text = plain(sentence);
      if (text.length() > 4 && texts.size() <= MAX_PASSAGES) {
        texts.add(text);
      }
    }
    return texts;
  }

  private static String headline(IndexedArticle a) {
    return (a.title() + " " + String.join(" ", a.tags() == null ? List.of() : a.tags())).strip();
  }

  /**
   * The document of an article; {@code vectors} are the unit embeddings of {@link
   * #meaningTexts(IndexedArticle)}, in that order.
   */
  static Document of(IndexedArticle a, List<float[]> vectors) {
    Document doc = new Document();
    doc.add(new StringField(ID, a.articleId().toString(), Field.Store.YES));
    doc.add(new StoredField(SLUG, a.slug()));
    doc.add(new StoredField(VERSION, Integer.toString(a.version())));
    doc.add(new StringField(KIND, a.kind(), Field.Store.YES));
    doc.add(new StringField(CATEGORY, a.category(), Field.Store.YES));
    doc.add(new StringField(AUDIENCE, a.audience(), Field.Store.YES));
    if (a.channels() == null || a.channels().isEmpty()) {
      doc.add(new StringField(CHANNEL, ANY_CHANNEL, Field.Store.NO));
    } else {
      for (String channel : a.channels()) {
        doc.add(new StringField(CHANNEL, channel, Field.Store.NO));
      }
    }
    doc.add(new Field(TITLE, a.title(), TEXT_WITH_OFFSETS));
    doc.add(new Field(BODY, a.body(), TEXT_WITH_OFFSETS));
    doc.add(new TextField(TITLE_GRAMS, a.title(), Field.Store.NO));
    doc.add(new TextField(BODY_GRAMS, a.body(), Field.Store.NO));
    String tags = String.join(" ", a.tags() == null ? List.of() : a.tags());
    String problemTypes = String.join(" ", a.problemTypes() == null ? List.of() : a.problemTypes());
    doc.add(new TextField(TAGS, tags + " " + problemTypes + " " + a.category(), Field.Store.NO));
    for (String tag : a.tags() == null ? List.<String>of() : a.tags()) {
      doc.add(new StoredField(TAG, tag));
    }
    doc.add(
        new LongPoint(
            VALID_FROM, a.validFrom() == null ? Long.MIN_VALUE : a.validFrom().toEpochMilli()));
    doc.add(
        new LongPoint(
            VALID_UNTIL, a.validUntil() == null ? Long.MAX_VALUE : a.validUntil().toEpochMilli()));
    // Unit vectors: the dot product is the cosine, and the cheapest similarity to compute.
    doc.add(new KnnFloatVectorField(MEANING, vectors.get(0), VectorSimilarityFunction.DOT_PRODUCT));
    doc.add(new BinaryDocValuesField(PASSAGES, PassageVectors.encode(vectors)));
    return doc;
  }

  /**
   * A hit from its stored fields; {@code title} and {@code snippet} are the highlighter's passages,
   * null when the field had no match (then the plain title and the body's lead are shown).
   */
  static SearchHit hit(Document doc, double score, String title, String snippet) {
    String body = doc.get(BODY);
    String plainTitle = doc.get(TITLE);
    return new SearchHit(
        UUID.fromString(doc.get(ID)),
        doc.get(SLUG),
        Integer.parseInt(doc.get(VERSION)),
        doc.get(KIND),
        plainTitle,
        doc.get(CATEGORY),
        List.of(doc.getValues(TAG)),
        doc.get(AUDIENCE),
        score,
        snippet == null ? lead(body) : plain(snippet),
        title == null ? plainTitle : title);
  }

  /** Markdown marks out, whitespace collapsed; the highlighter's {@code <em>} tags stay. */
  private static String plain(String text) {
    return MARKDOWN.matcher(text).replaceAll(" ").trim();
  }

  private static String lead(String body) {
    String text = plain(body);
    return text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }

  private static FieldType textWithOffsets() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }
}
