package io.complaintsuite.knowledge.search;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;

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

  /** The channel term of an article without channels: it matches every channel filter. */
  static final String ANY_CHANNEL = "*";

  /**
   * The layout of the documents; a different one in an existing index makes the service rebuild it.
   */
  static final String FORMAT = "2";

  /** Title and body keep their term offsets: snippets are cut without analysing the text again. */
  private static final FieldType TEXT_WITH_OFFSETS = textWithOffsets();

  private static final Pattern MARKDOWN = Pattern.compile("(?m:^\\s*>)|[#*`_\\[\\]|]+|\\s+");

  private ArticleDocument() {}

  static Document of(IndexedArticle a) {
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
    return doc;
  }

  /**
   * A hit from its stored fields; {@code title} and {@code snippet} are the highlighter's passages,
   * null when the field had no match (then the plain title and the body's lead are shown).
   */
  static SearchHit hit(Document doc, float score, String title, String snippet) {
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
