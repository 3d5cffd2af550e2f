package io.complaintsuite.knowledge.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyzers of the index. Words: smartcn's HMM word segmentation (ICTCLAS dictionary), lower
 * case, without punctuation and question particles. Query words add the synonym groups (退款/退钱,
 * 快递/物流/包裹 ...) from {@code search/synonyms.txt}, expanded at query time only, so editing the list
 * needs no re-index. Grams: overlapping character bigrams, the fallback for typos and words the
 * dictionary does not know.
 */
public final class ChineseAnalysis {
  /** Question words and particles that say nothing about the topic. */
  private static final List<String> EXTRA_STOP_WORDS =
      List.of(
          "的", "了", "吗", "呢", "吧", "啊", "呀", "么", "我", "你", "您", "我们", "他", "她", "是", "在", "有", "和",
          "与", "就", "都", "也", "还", "又", "请问", "请", "一下", "怎么", "怎么办", "怎样", "如何", "什么", "为什么", "为何",
          "能", "能不能", "可以", "可不可以", "吗", "想", "要", "该", "应该", "这个", "那个", "这", "那", "个", "一个", "哪里",
          "哪儿", "哪", "给", "把", "让", "会", "不会", "没", "没有", "已经", "了吗", "是不是", "自己", "现在", "问", "下",
          "啥", "咋", "嘛", "哦", "呃", "好");

  private final CharArraySet stopWords;
  private final SynonymMap synonyms;
  private final Map<String, Set<String>> singleWordSynonyms;
  private final Analyzer words;
  private final Analyzer queryWords;
  private final Analyzer grams;

  /** The analysis with the suite's synonyms ({@code search/synonyms.txt} on the classpath). */
  public static ChineseAnalysis standard() {
    return new ChineseAnalysis(synonymRules());
  }

  public static String synonymRules() {
    try (InputStream in =
        ChineseAnalysis.class.getClassLoader().getResourceAsStream("search/synonyms.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChineseAnalysis(String synonymRules) {
    stopWords = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), true);
    stopWords.addAll(EXTRA_STOP_WORDS);
    words =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new HMMChineseTokenizer();
            TokenStream stream = new CJKWidthFilter(source);
            stream = new LowerCaseFilter(stream);
            stream = new StopFilter(stream, stopWords);
            return new TokenStreamComponents(source, stream);
          }
        };
    synonyms = parse(synonymRules, words);
    singleWordSynonyms = singleWordGroups(synonymRules);
    queryWords =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new HMMChineseTokenizer();
            TokenStream stream = new CJKWidthFilter(source);
            stream = new LowerCaseFilter(stream);
            stream = new StopFilter(stream, stopWords);
            stream = new SynonymGraphFilter(stream, synonyms, true);
            return new TokenStreamComponents(source, stream);
          }
        };
    grams =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new CJKWidthFilter(source);
            stream = new LowerCaseFilter(stream);
            stream = new CJKBigramFilter(stream);
            return new TokenStreamComponents(source, stream);
          }
        };
  }

  /** Index-time words of title, body and tags. */
  public Analyzer words() {
    return words;
  }

  /** Query-time words with synonyms expanded. */
  public Analyzer queryWords() {
    return queryWords;
  }

  /** Character bigrams (index and query). */
  public Analyzer grams() {
    return grams;
  }

  /** The words of {@code text} as the index sees them (no synonyms), in order. */
  public List<String> terms(String text) {
    return terms(words, text);
  }

  /** A word and its single-word synonyms. */
  public Set<String> withSynonyms(String term) {
    Set<String> group = singleWordSynonyms.get(term);
    return group == null ? Set.of(term) : group;
  }

  static List<String> terms(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("f", text == null ? "" : text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static SynonymMap parse(String rules, Analyzer analyzer) {
    SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
    try {
      parser.parse(new StringReader(rules));
      return parser.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad synonym rules: " + e.getMessage(), e);
    }
  }

  private Map<String, Set<String>> singleWordGroups(String rules) {
    Map<String, Set<String>> groups = new HashMap<>();
    for (String line : rules.split("\n")) {
      line = line.trim();
      if (line.isEmpty() || line.startsWith("#") || line.contains("=>")) {
        continue;
      }
      Set<String> group = new LinkedHashSet<>();
      for (String word : line.split(",")) {
        List<String> t = terms(words, word.trim());
        if (t.size() == 1) {
          group.add(t.get(0));
        }
      }
      for (String word : group) {
        groups.computeIfAbsent(word, w -> new LinkedHashSet<>(List.of(w))).addAll(group);
      }
    }
    return groups;
  }
}
