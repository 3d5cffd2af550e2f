package io.complaintsuite.knowledge.search;

import io.complaintsuite.embeddings.SentenceEmbeddings;
import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene index of published article versions (one document per article, with its words and the
 * sentence embeddings of its headline and passages). Plain Java, no CDI: the service, the
 * evaluation and the benchmark use the same code. Thread-safe; searches see a change as soon as the
 * changing call returns.
 *
 * <p>This class owns the index's lifecycle and writes; the document layout is {@link
 * ArticleDocument}, querying and scoring are {@link ArticleSearch}.
 */
public final class ArticleIndex implements Closeable {
  /**
   * The layout of the documents; a different one in an existing index makes the service rebuild it.
   */
  public static final String FORMAT = ArticleDocument.FORMAT;

  /** The least cosine of a hit that only the meaning ranking found. */
  public static final float MIN_COSINE = ArticleSearch.MIN_COSINE;

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final ArticleSearch search;
  private final SentenceEmbeddings embeddings;
  private final ExecutorService helpers;

  public ArticleIndex(Path path, ChineseAnalysis analysis, SentenceEmbeddings embeddings) {
    this(path, analysis, embeddings, false);
  }

  /** Opens the index at {@code path}; {@code create} starts it empty, whatever was there. */
  public ArticleIndex(
      Path path, ChineseAnalysis analysis, SentenceEmbeddings embeddings, boolean create) {
    this.embeddings = embeddings;
    Map<String, Analyzer> perField = new HashMap<>();
    perField.put(ArticleDocument.TITLE_GRAMS, analysis.grams());
    perField.put(ArticleDocument.BODY_GRAMS, analysis.grams());
    Analyzer analyzer = new PerFieldAnalyzerWrapper(analysis.words(), perField);
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
    // Helpers for the meaning ranking of a search: at most one per core, none kept idle for long,
    // and no queue: with every helper busy, or the index closing, the search runs the meaning
    // ranking itself (ThreadPoolExecutor's CallerRunsPolicy would drop it once shut down).
    helpers =
        new ThreadPoolExecutor(
            0,
            Runtime.getRuntime().availableProcessors(),
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemon -> {
              Thread t = new Thread(daemon, "knowledge-search-meaning");
              t.setDaemon(true);
              return t;
            },
            (task, pool) -> task.run());
    search = new ArticleSearch(analysis, analyzer, searchers, embeddings, helpers);
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

  /** Adds or replaces an article's document (embedding its texts: 1-4 ms each). */
  public void put(IndexedArticle article) {
    List<float[]> vectors = embeddings.embedAll(meaningTexts(article));
    try {
      writer.updateDocument(idTerm(article.articleId()), ArticleDocument.of(article, vectors));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void remove(UUID articleId) {
    try {
      writer.deleteDocuments(idTerm(articleId));
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

  /**
   * The texts whose embeddings {@link #bulkAdd} wants for an article, in that order: the headline
   * (title and tags), then the body's sentences.
   */
  public static List<String> meaningTexts(IndexedArticle article) {
    return ArticleDocument.meaningTexts(article);
  }

  /**
   * Adds new articles with embeddings computed elsewhere ({@code vectors.get(i)}: the unit vectors
   * of {@code meaningTexts(articles.get(i))}), e.g. the benchmark's, which reuses the embeddings of
   * the sentences its generated articles share.
   */
  public void bulkAdd(List<IndexedArticle> articles, List<List<float[]>> vectors) {
    List<Document> docs = new ArrayList<>(articles.size());
    for (int i = 0; i < articles.size(); i++) {
      docs.add(ArticleDocument.of(articles.get(i), vectors.get(i)));
    }
    try {
      writer.addDocuments(docs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The best hits for {@code request} that are valid at {@code now}, best first. */
  public List<SearchHit> search(SearchRequest request, Instant now) {
    return retrieve(request, now).stream().map(RankedHit::hit).toList();
  }

  /** The same hits with what each ranking said of them. */
  public List<RankedHit> retrieve(SearchRequest request, Instant now) {
    return search.retrieve(request, now);
  }

  /** The stored title, body and tags of an article's indexed version, or null. */
  public StoredArticle stored(UUID articleId) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(new TermQuery(idTerm(articleId)), 1);
        if (top.scoreDocs.length == 0) {
          return null;
        }
        Document doc = searcher.storedFields().document(top.scoreDocs[0].doc);
        return new StoredArticle(
            doc.get(ArticleDocument.TITLE),
            doc.get(ArticleDocument.BODY),
            List.of(doc.getValues(ArticleDocument.TAG)));
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An indexed version's text. */
  public record StoredArticle(String title, String body, List<String> tags) {}

  private static Term idTerm(UUID articleId) {
    return new Term(ArticleDocument.ID, articleId.toString());
  }

  @Override
  public void close() {
    helpers.shutdown();
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
