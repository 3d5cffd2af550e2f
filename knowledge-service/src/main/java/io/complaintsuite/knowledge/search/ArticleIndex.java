package io.complaintsuite.knowledge.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The Lucene index of published article versions (one document per article). Plain Java, no CDI:
 * the service, the evaluation and the benchmark use the same code. Thread-safe; searches see a
 * change as soon as the changing call returns.
 */
public final class ArticleIndex implements Closeable {
  static final String ID = "id";
  static final String TITLE = "title";
  static final String BODY = "body";
  static final String TAGS = "tags";
  static final String TITLE_GRAMS = "title_grams";
  static final String BODY_GRAMS = "body_grams";
  static final String KIND = "kind";
  static final String CATEGORY = "category";
  static final String CHANNEL = "channel";
  static final String AUDIENCE = "audience";
  static final String VALID_FROM = "valid_from";
  static final String VALID_UNTIL = "valid_until";
  private static final String ANY_CHANNEL = "*";

  /** Highlighting looks at the first 20,000 characters of a field. */
  private static final int MAX_HIGHLIGHTED = 20_000;

  private static final Pattern MARKDOWN = Pattern.compile("(?m:^\\s*>)|[#*`_\\[\\]|]+|\\s+");

  /**
   * The layout of the documents; a different one in an existing index makes the service rebuild it.
   */
  public static final String FORMAT = "2";

  /** Title and body keep their term offsets: snippets are cut without analysing the text again. */
  private static final FieldType TEXT_WITH_OFFSETS = textWithOffsets();

  private final ChineseAnalysis analysis;
  private final Analyzer analyzer;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  public ArticleIndex(Path path, ChineseAnalysis analysis) {
    this(path, analysis, false);
  }

  /** Opens the index at {@code path}; {@code create} starts it empty, whatever was there. */
  public ArticleIndex(Path path, ChineseAnalysis analysis, boolean create) {
    this.analysis = analysis;
    Map<String, Analyzer> perField = new HashMap<>();
    perField.put(TITLE_GRAMS, analysis.grams());
    perField.put(BODY_GRAMS, analysis.grams());
    analyzer = new PerFieldAnalyzerWrapper(analysis.words(), perField);
    try {
      directory = FSDirectory.open(path);
      IndexWriterConfig config = new IndexWriterConfig(analyzer);
      config.setOpenMode(
          create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      config.setRAMBufferSizeMB(64);
      writer = new IndexWriter(directory, config);
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index at " + path, e);
    }
  }

  /** What the last commit recorded (e.g. the database it was built from), empty when new. */
  public Map<String, String> commitData() {
    Map<String, String> data = new HashMap<>();
    Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
    if (live != null) {
      live.forEach(e -> data.put(e.getKey(), e.getValue()));
    }
    return data;
  }

  /**
   * Articles that searches see. Read from the searcher rather than the writer: the writer's count
   * leaves out buffered deletes, so an update in flight would count its article twice.
   */
  public int size() {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.getIndexReader().numDocs();
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds or replaces an article's document. */
  public void put(IndexedArticle article) {
    try {
      writer.updateDocument(new Term(ID, article.articleId().toString()), document(article));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void remove(UUID articleId) {
    try {
      writer.deleteDocuments(new Term(ID, articleId.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void removeAll() {
    try {
      writer.deleteAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the changes durable, with {@code data} as the commit's user data, and visible. */
  public void commit(Map<String, String> data) {
    try {
      writer.setLiveCommitData(new HashMap<>(data).entrySet());
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the changes visible (not yet durable). */
  public void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void bulkAdd(Collection<IndexedArticle> articles) {
    List<Document> docs = new ArrayList<>(articles.size());
    for (IndexedArticle a : articles) {
      docs.add(document(a));
    }
    try {
      writer.addDocuments(docs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The best hits for {@code request} that are valid at {@code now}, best first. */
  public List<SearchHit> search(SearchRequest request, Instant now) {
    WordQuery words = wordQuery(request.query());
    if (words == null) {
      return List.of();
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(words.query(), Occur.MUST);
    long at = now.toEpochMilli();
    // Valid at `at` = not starting after it and not ended by it. Written as exclusions, the two
    // ranges only visit the points of the few articles with limits (an unlimited article's
    // MIN/MAX_VALUE lies outside both), instead of marking nearly every document of the index
    // on every search: `at` changes with each search, so no query cache helps.
    query.add(LongPoint.newRangeQuery(VALID_FROM, at + 1, Long.MAX_VALUE), Occur.MUST_NOT);
    query.add(LongPoint.newRangeQuery(VALID_UNTIL, Long.MIN_VALUE, at), Occur.MUST_NOT);
    if (request.category() != null) {
      query.add(new TermQuery(new Term(CATEGORY, request.category())), Occur.FILTER);
    }
    if (request.kind() != null) {
      query.add(new TermQuery(new Term(KIND, request.kind())), Occur.FILTER);
    }
    if (request.audience() != null) {
      query.add(new TermQuery(new Term(AUDIENCE, request.audience())), Occur.FILTER);
    }
    if (request.channel() != null) {
      query.add(
          new BooleanQuery.Builder()
              .add(new TermQuery(new Term(CHANNEL, request.channel())), Occur.SHOULD)
              .add(new TermQuery(new Term(CHANNEL, ANY_CHANNEL)), Occur.SHOULD)
              .build(),
          Occur.FILTER);
    }
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        int limit = Math.max(1, request.limit());
        // Nobody reads the total hit count: counting stops at the limit, so block-max WAND skips
        // non-competitive documents from the first page on instead of after 1,000 hits.
        TopDocs top =
            searcher.search(query.build(), new TopScoreDocCollectorManager(limit, null, limit));
        List<SearchHit> hits = new ArrayList<>();
        if (top.scoreDocs.length == 0) {
          return hits;
        }
        // Each hit's stored fields are read once, for the hit and for the highlighter.
        StoredFields stored = searcher.storedFields();
        Map<Integer, Document> docs = new HashMap<>();
        for (ScoreDoc scoreDoc : top.scoreDocs) {
          docs.put(scoreDoc.doc, stored.document(scoreDoc.doc));
        }
        UnifiedHighlighter highlighter = highlighter(searcher, docs);
        // Each field highlighted with its own clauses only: the highlighter matches every term
        // of the query it gets against each hit, the gram and other fields' terms would be wasted.
        String[] titles = highlighter.highlight(TITLE, words.title(), top, 1);
        String[] snippets = highlighter.highlight(BODY, words.body(), top, 2);
        for (int i = 0; i < top.scoreDocs.length; i++) {
          ScoreDoc scoreDoc = top.scoreDocs[i];
          hits.add(hit(docs.get(scoreDoc.doc), scoreDoc.score, titles[i], snippets[i]));
        }
        return hits;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Snippets from the postings' offsets (no analysis) of the documents already read: the default
   * would read every hit's stored fields again, once per highlighted field.
   */
  private UnifiedHighlighter highlighter(IndexSearcher searcher, Map<Integer, Document> docs) {
    UnifiedHighlighter.Builder builder =
        UnifiedHighlighter.builder(searcher, analyzer)
            .withFormatter(new DefaultPassageFormatter("<em>", "</em>", "…", false))
            .withMaxLength(MAX_HIGHLIGHTED);
    return new UnifiedHighlighter(builder) {
      @Override
      protected List<CharSequence[]> loadFieldValues(
          String[] fields, DocIdSetIterator docIds, int cacheCharsThreshold) throws IOException {
        List<CharSequence[]> values = new ArrayList<>();
        for (int doc = docIds.nextDoc();
            doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = docIds.nextDoc()) {
          CharSequence[] fieldValues = new CharSequence[fields.length];
          for (int f = 0; f < fields.length; f++) {
            String value = docs.get(doc).get(fields[f]);
            fieldValues[f] =
                value == null
                    ? ""
                    : value.length() > MAX_HIGHLIGHTED
                        ? value.substring(0, MAX_HIGHLIGHTED)
                        : value;
          }
          values.add(fieldValues);
        }
        return values;
      }
    };
  }

  /** The stored title, body and tags of an article's indexed version, or null. */
  public StoredArticle stored(UUID articleId) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(new TermQuery(new Term(ID, articleId.toString())), 1);
        if (top.scoreDocs.length == 0) {
          return null;
        }
        Document doc = searcher.storedFields().document(top.scoreDocs[0].doc);
        return new StoredArticle(doc.get(TITLE), doc.get(BODY), List.of(doc.getValues("tag")));
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An indexed version's text. */
  public record StoredArticle(String title, String body, List<String> tags) {}

  /** The scoring query, and the word clauses of title and body that the snippets highlight. */
  private record WordQuery(Query query, Query title, Query body) {}

  /**
   * Words (with synonyms) weigh most, in the title more than tags more than body; grams help. One
   * flat disjunction of boosted term clauses (the same scores as one boosted sub-query per field):
   * block-max WAND then bounds each term on its own and skips the documents that only a few weak
   * clauses, such as common body bigrams, could match.
   */
  private WordQuery wordQuery(String text) {
    QueryBuilder wordBuilder = new QueryBuilder(analysis.queryWords());
    QueryBuilder gramBuilder = new QueryBuilder(analysis.grams());
    Query title = wordBuilder.createBooleanQuery(TITLE, text);
    Query body = wordBuilder.createBooleanQuery(BODY, text);
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    clauses += add(any, title, 3f);
    clauses += add(any, wordBuilder.createBooleanQuery(TAGS, text), 2f);
    clauses += add(any, body, 1f);
    clauses += add(any, gramBuilder.createBooleanQuery(TITLE_GRAMS, text), 0.6f);
    clauses += add(any, gramBuilder.createBooleanQuery(BODY_GRAMS, text), 0.3f);
    if (clauses == 0) {
      return null;
    }
    return new WordQuery(
        any.build(),
        title == null ? new MatchNoDocsQuery() : title,
        body == null ? new MatchNoDocsQuery() : body);
  }

  /** Adds the query's optional clauses one by one (each boosted), or the query itself. */
  private static int add(BooleanQuery.Builder builder, Query query, float boost) {
    if (query == null) {
      return 0;
    }
    if (query instanceof BooleanQuery bool
        && bool.getMinimumNumberShouldMatch() == 0
        && bool.clauses().stream().allMatch(c -> c.getOccur() == Occur.SHOULD)) {
      for (BooleanClause clause : bool.clauses()) {
        builder.add(new BoostQuery(clause.getQuery(), boost), Occur.SHOULD);
      }
      return bool.clauses().size();
    }
    builder.add(new BoostQuery(query, boost), Occur.SHOULD);
    return 1;
  }

  private static SearchHit hit(Document doc, float score, String title, String snippet) {
    String body = doc.get(BODY);
    String plainTitle = doc.get(TITLE);
    return new SearchHit(
        UUID.fromString(doc.get(ID)),
        doc.get("slug"),
        Integer.parseInt(doc.get("version")),
        doc.get(KIND),
        plainTitle,
        doc.get(CATEGORY),
        List.of(doc.getValues("tag")),
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

  private static Document document(IndexedArticle a) {
    Document doc = new Document();
    doc.add(new StringField(ID, a.articleId().toString(), Field.Store.YES));
    doc.add(new StoredField("slug", a.slug()));
    doc.add(new StoredField("version", Integer.toString(a.version())));
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
      doc.add(new StoredField("tag", tag));
    }
    doc.add(
        new LongPoint(
            VALID_FROM, a.validFrom() == null ? Long.MIN_VALUE : a.validFrom().toEpochMilli()));
    doc.add(
        new LongPoint(
            VALID_UNTIL, a.validUntil() == null ? Long.MAX_VALUE : a.validUntil().toEpochMilli()));
    return doc;
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
