package io.complaintsuite.knowledge.search;

import static io.complaintsuite.knowledge.search.ArticleDocument.ANY_CHANNEL;
import static io.complaintsuite.knowledge.search.ArticleDocument.AUDIENCE;
import static io.complaintsuite.knowledge.search.ArticleDocument.BODY;
import static io.complaintsuite.knowledge.search.ArticleDocument.BODY_GRAMS;
import static io.complaintsuite.knowledge.search.ArticleDocument.CATEGORY;
import static io.complaintsuite.knowledge.search.ArticleDocument.CHANNEL;
import static io.complaintsuite.knowledge.search.ArticleDocument.KIND;
import static io.complaintsuite.knowledge.search.ArticleDocument.TAGS;
import static io.complaintsuite.knowledge.search.ArticleDocument.TITLE;
import static io.complaintsuite.knowledge.search.ArticleDocument.TITLE_GRAMS;
import static io.complaintsuite.knowledge.search.ArticleDocument.VALID_FROM;
import static io.complaintsuite.knowledge.search.ArticleDocument.VALID_UNTIL;

import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
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
import org.apache.lucene.util.QueryBuilder;

/**
 * The read side of {@link ArticleIndex}: turns a {@link SearchRequest} into the scoring query and
 * its filters, collects the best hits and cuts their highlighted title and snippet. Separate from
 * the index's lifecycle and writes because this is where relevance (boosts, synonyms, grams) and
 * search latency are tuned.
 */
final class ArticleSearch {
  /** Highlighting looks at the first 20,000 characters of a field. */
  private static final int MAX_HIGHLIGHTED = 20_000;

  private final ChineseAnalysis analysis;
  private final Analyzer analyzer;
  private final SearcherManager searchers;

  /** {@code analyzer} is the index's per-field analyzer, the one the highlighter needs. */
  ArticleSearch(ChineseAnalysis analysis, Analyzer analyzer, SearcherManager searchers) {
    this.analysis = analysis;
    this.analyzer = analyzer;
    this.searchers = searchers;
  }

  /** The best hits for {@code request} that are valid at {@code now}, best first. */
  List<SearchHit> search(SearchRequest request, Instant now) {
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
          hits.add(
              ArticleDocument.hit(docs.get(scoreDoc.doc), scoreDoc.score, titles[i], snippets[i]));
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
}
