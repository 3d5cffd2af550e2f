package io.complaintsuite.knowledge.search;

import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
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
 * The Lucene index of published article versions (one document per article). Plain Java, no CDI:
 * the service, the evaluation and the benchmark use the same code. Thread-safe; searches see a
 * change as soon as the changing call returns.
 *
 * <p>This class owns the index's lifecycle and writes; the document layout is {@link
 * ArticleDocument}, querying and scoring are {@link ArticleSearch}.
 */
public final class ArticleIndex implements Closeable {
  /**
   * The layout of the documents; a different one in an existing index makes the service rebuild it.
   */
  public static final String FORMAT = ArticleDocument.FORMAT;

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final ArticleSearch search;

  public ArticleIndex(Path path, ChineseAnalysis analysis) {
    this(path, analysis, false);
  }

  /** Opens the index at {@code path}; {@code create} starts it empty, whatever was there. */
  public ArticleIndex(Path path, ChineseAnalysis analysis, boolean create) {
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
    search = new ArticleSearch(analysis, analyzer, searchers);
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
      writer.updateDocument(idTerm(article.articleId()), ArticleDocument.of(article));
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

  public void bulkAdd(Collection<IndexedArticle> articles) {
    List<Document> docs = new ArrayList<>(articles.size());
    for (IndexedArticle a : articles) {
      docs.add(ArticleDocument.of(a));
    }
    try {
      writer.addDocuments(docs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The best hits for {@code request} that are valid at {@code now}, best first. */
  public List<SearchHit> search(SearchRequest request, Instant now) {
    return search.search(request, now);
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
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
