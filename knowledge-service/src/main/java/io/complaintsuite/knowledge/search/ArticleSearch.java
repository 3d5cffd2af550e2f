package io.complaintsuite.knowledge.search;

import static io.complaintsuite.knowledge.search.ArticleDocument.ANY_CHANNEL;
import static io.complaintsuite.knowledge.search.ArticleDocument.AUDIENCE;
import static io.complaintsuite.knowledge.search.ArticleDocument.BODY;
import static io.complaintsuite.knowledge.search.ArticleDocument.BODY_GRAMS;
import static io.complaintsuite.knowledge.search.ArticleDocument.CATEGORY;
import static io.complaintsuite.knowledge.search.ArticleDocument.CHANNEL;
import static io.complaintsuite.knowledge.search.ArticleDocument.KIND;
import static io.complaintsuite.knowledge.search.ArticleDocument.MEANING;
import static io.complaintsuite.knowledge.search.ArticleDocument.PASSAGES;
import static io.complaintsuite.knowledge.search.ArticleDocument.TAGS;
import static io.complaintsuite.knowledge.search.ArticleDocument.TITLE;
import static io.complaintsuite.knowledge.search.ArticleDocument.TITLE_GRAMS;
import static io.complaintsuite.knowledge.search.ArticleDocument.VALID_FROM;
import static io.complaintsuite.knowledge.search.ArticleDocument.VALID_UNTIL;

import io.complaintsuite.embeddings.SentenceEmbeddings;
import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.QueryBuilder;

/**
 * The read side of {@link ArticleIndex}: hybrid retrieval. Three rankings of the articles that pass
 * the request's filters: BM25 over the Chinese words (with synonyms and bigrams); the cosine of
 * sentence embeddings (candidates from Lucene's HNSW graph of headline vectors, each scored by its
 * best passage); and, among those candidates, the ones holding the query's words verbatim. They are
 * merged by weighted reciprocal-rank fusion; the best hits get their highlighted title and snippet.
 * Separate from the index's lifecycle and writes because this is where relevance (boosts, synonyms,
 * grams, fusion) and search latency are tuned.
 */
final class ArticleSearch {
  /** Highlighting looks at the first 20,000 characters of a field. */
  private static final int MAX_HIGHLIGHTED = 20_000;

  /**
   * Candidates the word ranking contributes to the fusion (at least the request's limit): its cost
   * grows with it, and on the calibration questions the fused first article was the same with 10 as
   * with 20 (5 lost 3 right answers).
   */
  static final int WORD_DEPTH = 10;

  /**
   * Candidates the meaning ranking contributes (at least the request's limit): nearest headlines,
   * each then scored by its best passage, so a deeper list gives a sentence that matches better
   * than its headline a chance.
   */
  static final int MEANING_DEPTH = 20;

  /**
   * Reciprocal-rank fusion: a hit scores {@code 1/(K + word rank) + 1/(K + verbatim rank) +
   * MEANING_WEIGHT/(K + meaning rank)}, a ranking that did not find it adding nothing. Measured on
   * the 189 answerable calibration questions (AnswerCalibration prints the grid), the first article
   * is right for: words alone 131, meaning alone 163, this fusion 165 (K 10 or 20: 163, K 60: 162;
   * weight 1: 157). Normalised score fusion (0.95 cosine + 0.05 BM25/best) tied at 165; rank fusion
   * was kept because BM25 scores have no scale shared between questions, so exact terms (order
   * numbers, product names) keep their weight on an agent's search instead of 5 % of it.
   */
  static final int K = 5;

  static final double MEANING_WEIGHT = 1.5;

  /**
   * A hit that only the meaning ranking found must be at least this near: without a floor, a vector
   * search finds something for any text, and nonsense would never be a zero-result search (a
   * knowledge gap). On the calibration questions every right first article is nearer (the least:
   * 0.475), and 11 of the 66 questions to hand off, the off-topic ones (weather, a poem), find
   * nothing this near (AnswerCalibration prints both).
   */
  static final float MIN_COSINE = 0.45f;

  private final ChineseAnalysis analysis;
  private final Analyzer analyzer;
  private final SearcherManager searchers;
  private final SentenceEmbeddings embeddings;
  private final ExecutorService helpers;

  /**
   * {@code analyzer} is the index's per-field analyzer, the one the highlighter needs; {@code
   * helpers} run the meaning ranking beside the word ranking (see {@link #retrieve}).
   */
  ArticleSearch(
      ChineseAnalysis analysis,
      Analyzer analyzer,
      SearcherManager searchers,
      SentenceEmbeddings embeddings,
      ExecutorService helpers) {
    this.analysis = analysis;
    this.analyzer = analyzer;
    this.searchers = searchers;
    this.embeddings = embeddings;
    this.helpers = helpers;
  }

  /** The question's embedding and its nearest headlines. */
  private record Nearest(float[] question, ScoreDoc[] docs) {}

  /** A candidate of the fusion: a document and what each ranking says of it. */
  private static final class Candidate {
    final int doc;
    float wordScore;
    int wordRank;
    int verbatimRank;
    float cosine;
    int meaningRank;
    double fused;

    Candidate(int doc) {
      this.doc = doc;
    }
  }

  /**
   * The best hits for {@code request} that are valid at {@code now}, best first. The meaning
   * ranking (embedding the question, 0.6-1 ms, then the HNSW search) needs nothing from the word
   * ranking, so it runs on a helper thread while the words are searched on this one; when no helper
   * is free (a busy service) it runs here first, never waiting in a queue. The question is embedded
   * without bge-zh's query instruction, which found the right article less often on the 189
   * answerable calibration questions (meaning alone 152 against 163, fused 159 against 165): the
   * passages a question is compared with are sentences and titles, as short as the question.
   */
  List<RankedHit> retrieve(SearchRequest request, Instant now) {
    WordQuery words = wordQuery(request.query());
    int limit = Math.max(1, request.limit());
    int wordDepth = Math.max(limit, WORD_DEPTH);
    int meaningDepth = Math.max(limit, MEANING_DEPTH);
    try {
      IndexSearcher searcher = searchers.acquire();
      Future<Nearest> nearest = null;
      try {
        nearest = helpers.submit(() -> nearest(searcher, request, now, meaningDepth));
        Map<Integer, Candidate> candidates = new HashMap<>();
        if (words != null) {
          BooleanQuery.Builder query = new BooleanQuery.Builder().add(words.query(), Occur.MUST);
          addFilters(query, request, now);
          // Nobody reads the total hit count: counting stops at the depth, so block-max WAND skips
          // non-competitive documents from the first page on instead of after 1,000 hits.
          ScoreDoc[] top =
              searcher.search(
                      query.build(), new TopScoreDocCollectorManager(wordDepth, null, wordDepth))
                  .scoreDocs;
          for (int i = 0; i < top.length; i++) {
            Candidate c = candidates.computeIfAbsent(top[i].doc, Candidate::new);
            c.wordScore = top[i].score;
            c.wordRank = i + 1;
          }
        }
        Nearest near = result(nearest);
        for (ScoreDoc doc : near.docs()) {
          candidates.computeIfAbsent(doc.doc, Candidate::new);
        }
        List<Candidate> ranked =
            rank(searcher, candidates.values(), near.question(), verbatimQuery(request.query()));
        return hits(searcher, ranked.subList(0, Math.min(limit, ranked.size())), words);
      } finally {
        // The helper must be done with the searcher before it is released.
        finish(nearest);
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The meaning ranking's candidates: the headlines nearest the question that pass the filters. */
  private Nearest nearest(IndexSearcher searcher, SearchRequest request, Instant now, int depth)
      throws IOException {
    float[] question = embeddings.embed(request.query());
    BooleanQuery.Builder filter =
        new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER);
    addFilters(filter, request, now);
    return new Nearest(
        question,
        searcher.search(new KnnFloatVectorQuery(MEANING, question, depth, filter.build()), depth)
            .scoreDocs);
  }

  private static Nearest result(Future<Nearest> nearest) throws IOException {
    try {
      return nearest.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while searching by meaning", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Waits for the meaning ranking if it still runs (only when the word ranking failed). */
  private static void finish(Future<Nearest> nearest) {
    if (nearest == null || nearest.isDone()) {
      return;
    }
    try {
      nearest.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // Reported by the caller's own failure.
    }
  }

  /**
   * Each candidate's cosine (its best passage) and whether it holds the query's words verbatim
   * ({@code verbatim}, null for none); the meaning and verbatim rankings, and the fused order.
   * Drops what only the meaning ranking found below {@link #MIN_COSINE}. The verbatim query is only
   * checked against the candidates (Lucene's two-phase match, document by document): searching the
   * whole index for it cost ~1 ms per search at 100,000 articles, and a text holding every query
   * word is nearly always among the word ranking's candidates.
   */
  private static List<Candidate> rank(
      IndexSearcher searcher, Collection<Candidate> found, float[] question, Query verbatim)
      throws IOException {
    List<Candidate> byDoc = new ArrayList<>(found);
    byDoc.sort(Comparator.comparingInt(c -> c.doc)); // doc values and scorers go forward only
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Weight phrase =
        verbatim == null
            ? null
            : searcher.createWeight(searcher.rewrite(verbatim), ScoreMode.COMPLETE_NO_SCORES, 1);
    BinaryDocValues passages = null;
    Scorer phraseScorer = null;
    int leaf = -1;
    List<Candidate> kept = new ArrayList<>();
    List<Candidate> verbatimOrder = new ArrayList<>();
    for (Candidate c : byDoc) {
      int next = ReaderUtil.subIndex(c.doc, leaves);
      LeafReaderContext context = leaves.get(next);
      if (next != leaf) {
        leaf = next;
        passages = DocValues.getBinary(context.reader(), PASSAGES);
        phraseScorer = phrase == null ? null : phrase.scorer(context);
      }
      int target = c.doc - context.docBase;
      c.cosine =
          passages.advanceExact(target)
              ? PassageVectors.maxCosine(passages.binaryValue(), question)
              : -1;
      if (phraseScorer != null && matches(phraseScorer, target)) {
        verbatimOrder.add(c);
      }
      if (c.wordRank > 0 || c.cosine >= MIN_COSINE) {
        kept.add(c);
      }
    }
    // Among the texts holding the words verbatim, the word ranking's order.
    verbatimOrder.sort(Comparator.comparingDouble((Candidate c) -> c.wordScore).reversed());
    for (int i = 0; i < verbatimOrder.size(); i++) {
      verbatimOrder.get(i).verbatimRank = i + 1;
    }
    kept.sort(Comparator.comparingDouble((Candidate c) -> c.cosine).reversed());
    for (int i = 0; i < kept.size(); i++) {
      Candidate c = kept.get(i);
      c.meaningRank = i + 1;
      c.fused =
          (c.wordRank == 0 ? 0 : 1.0 / (K + c.wordRank))
              + (c.verbatimRank == 0 ? 0 : 1.0 / (K + c.verbatimRank))
              + MEANING_WEIGHT / (K + c.meaningRank);
    }
    // Ties (same two ranks swapped) go to the nearer meaning: the stronger ranking.
    kept.sort(
        Comparator.comparingDouble((Candidate c) -> c.fused)
            .thenComparingDouble(c -> c.cosine)
            .reversed());
    return kept;
  }

  /** Whether {@code doc} (of the scorer's segment, not before its current one) matches. */
  private static boolean matches(Scorer scorer, int doc) throws IOException {
    TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
    DocIdSetIterator approximation =
        twoPhase == null ? scorer.iterator() : twoPhase.approximation();
    if (approximation.docID() < doc) {
      approximation.advance(doc);
    }
    return approximation.docID() == doc && (twoPhase == null || twoPhase.matches());
  }

  /** The hits with their stored fields and highlighted title and snippet. */
  private List<RankedHit> hits(IndexSearcher searcher, List<Candidate> best, WordQuery words)
      throws IOException {
    if (best.isEmpty()) {
      return List.of();
    }
    // Each hit's stored fields are read once, for the hit and for the highlighter.
    StoredFields stored = searcher.storedFields();
    Map<Integer, Document> docs = new HashMap<>();
    ScoreDoc[] scoreDocs = new ScoreDoc[best.size()];
    for (int i = 0; i < best.size(); i++) {
      Candidate c = best.get(i);
      docs.put(c.doc, stored.document(c.doc));
      scoreDocs[i] = new ScoreDoc(c.doc, (float) c.fused);
    }
    String[] titles = new String[best.size()];
    String[] snippets = new String[best.size()];
    if (words != null) {
      TopDocs top = new TopDocs(new TotalHits(best.size(), TotalHits.Relation.EQUAL_TO), scoreDocs);
      UnifiedHighlighter highlighter = highlighter(searcher, docs);
      // Each field highlighted with its own clauses only: the highlighter matches every term
      // of the query it gets against each hit, the gram and other fields' terms would be wasted.
      titles = highlighter.highlight(TITLE, words.title(), top, 1);
      snippets = highlighter.highlight(BODY, words.body(), top, 2);
    }
    List<RankedHit> hits = new ArrayList<>(best.size());
    for (int i = 0; i < best.size(); i++) {
      Candidate c = best.get(i);
      hits.add(
          new RankedHit(
              ArticleDocument.hit(docs.get(c.doc), c.fused, titles[i], snippets[i]),
              c.wordScore,
              c.wordRank,
              c.verbatimRank,
              c.cosine,
              c.meaningRank));
    }
    return hits;
  }

  /**
   * Valid at {@code now} and the request's filters. Validity = not starting after now and not ended
   * by it. Written as exclusions, the two ranges only visit the points of the few articles with
   * limits (an unlimited article's MIN/MAX_VALUE lies outside both), instead of marking nearly
   * every document of the index on every search: the instant changes with each search, so no query
   * cache helps.
   */
  private static void addFilters(BooleanQuery.Builder query, SearchRequest request, Instant now) {
    long at = now.toEpochMilli();
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

  /**
   * The query's words in their order, verbatim in the title or the body (stop words may differ): a
   * third ranking, so that a text containing what an agent typed (a rule's wording, an article's
   * sentence) comes first even where the embeddings, which hardly see numbers, prefer a near
   * neighbour (满300元减60元 against the rule with 满300减40). Null for a single word: the word ranking
   * has it already. Customers' questions rarely occur verbatim in an article.
   */
  private Query verbatimQuery(String text) {
    QueryBuilder builder = new QueryBuilder(analysis.words());
    Query title = builder.createPhraseQuery(TITLE, text);
    Query body = builder.createPhraseQuery(BODY, text);
    if (body == null || body instanceof TermQuery) {
      return null;
    }
    BooleanQuery.Builder either = new BooleanQuery.Builder().add(body, Occur.SHOULD);
    if (title != null) {
      either.add(title, Occur.SHOULD);
    }
    return either.build();
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
