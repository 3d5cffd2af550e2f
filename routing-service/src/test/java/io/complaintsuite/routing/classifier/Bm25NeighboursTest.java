package io.complaintsuite.routing.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.classification.ClassificationResult;
import org.apache.lucene.classification.KNearestNeighborClassifier;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * The classifier's in-memory kNN answers what Lucene's {@code KNearestNeighborClassifier} answers
 * (same index, BM25, k = 7, MoreLikeThis query) on every labelled complaint: same type ranking and
 * scores, so the accuracy figures of the Lucene model carry over.
 */
class Bm25NeighboursTest {

  @Test
  void answersWhatLucenesKnnClassifierAnswersOnEveryLabelledComplaint() throws Exception {
    List<LabelledComplaint> training = Corpus.training();
    try (ComplaintClassifier ours =
            ComplaintClassifier.train(
                training, Meaning.shipped(), ComplaintClassifier.Parameters.DEFAULT);
        Analyzer smartcn = new SmartChineseAnalyzer();
        ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(smartcn))) {
        for (LabelledComplaint example : training) {
          Document doc = new Document();
          doc.add(new TextField(ComplaintClassifier.TEXT, example.text(), Field.Store.NO));
          doc.add(new StringField("problemType", example.problemType(), Field.Store.YES));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        KNearestNeighborClassifier lucene =
            new KNearestNeighborClassifier(
                reader,
                new BM25Similarity(),
                new WhitespaceAnalyzer(),
                null,
                ComplaintClassifier.NEIGHBOURS,
                1,
                1,
                "problemType",
                ComplaintClassifier.TEXT);
        int compared = 0;
        List<String> differences = new ArrayList<>();
        List<LabelledComplaint> every = new ArrayList<>(training);
        every.addAll(Corpus.heldOut());
        for (LabelledComplaint c : every) {
          List<String> terms = ours.tokens(c.text());
          Map<String, Double> expected = new HashMap<>();
          for (ClassificationResult<BytesRef> r : lucene.getClasses(String.join(" ", terms))) {
            expected.put(r.getAssignedClass().utf8ToString(), r.getScore());
          }
          Prediction p = ours.classify(c.text(), ComplaintClassifier.Mode.WORDS);
          Map<String, Double> actual = new HashMap<>();
          p.ranking().forEach(r -> actual.put(r.problemType(), r.score()));
          compared++;
          if (!expected.keySet().equals(actual.keySet())) {
            differences.add(c.text() + ": " + expected + " vs " + actual);
            continue;
          }
          for (Map.Entry<String, Double> e : expected.entrySet()) {
            if (Math.abs(e.getValue() - actual.get(e.getKey())) > 1e-4) {
              differences.add(c.text() + ": " + expected + " vs " + actual);
              break;
            }
          }
        }
        assertEquals(every.size(), compared);
        // Float ties at the 7th neighbour or the 25th query term may be broken differently.
        assertTrue(
            differences.size() <= every.size() / 200,
            differences.size() + " of " + compared + " differ: " + differences);
        System.out.println(differences.size() + " of " + compared + " differ (ties)");
      }
    }
  }
}
