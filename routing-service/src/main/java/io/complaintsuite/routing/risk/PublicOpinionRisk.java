package io.complaintsuite.routing.risk;

import io.complaintsuite.contracts.routing.RiskAssessment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Spots public-opinion threats by keyword, as the seed plans ask ("关键词追踪"): regulators (12315, 消协)
 * concern PR and legal, lawyers and lawsuits legal, media and virality PR. The terms added in issue
 * 19 (黑猫投诉, 金融监管, 市场监督管理局, 朋友圈 …) came from the misses on the training corpus, never from the
 * held-out set.
 */
public final class PublicOpinionRisk {
  private record Category(String name, List<String> departments, List<String> terms) {}

  private static final List<Category> CATEGORIES =
      List.of(
          new Category(
              "regulator",
              List.of("pr", "legal"),
              List.of(
                  "12315", "消协", "消费者协会", "市场监管", "监督管理局", "监管局", "金融监管", "工商局", "监管部门", "银保监",
                  "工信部", "举报")),
          new Category(
              "lawsuit",
              List.of("legal"),
              List.of("律师", "起诉", "法院", "诉讼", "打官司", "告你们", "法律途径", "lawyer", "sue")),
          new Category(
              "media", List.of("pr"), List.of("媒体", "曝光", "记者", "电视台", "报社", "新闻", "media")),
          new Category(
              "viral",
              List.of("pr"),
              List.of(
                  "微博", "抖音", "小红书", "热搜", "很多人转发", "发视频", "上头条", "网上发帖", "黑猫", "发朋友圈", "朋友圈了",
                  "让大家都看看", "转发让", "大家避雷", "评评理", "viral")));

  private PublicOpinionRisk() {}

  public static RiskAssessment assess(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<RiskAssessment.Evidence> evidence = new ArrayList<>();
    TreeSet<String> departments = new TreeSet<>();
    for (Category category : CATEGORIES) {
      for (String term : category.terms()) {
        if (lower.contains(term.toLowerCase(Locale.ROOT))) {
          evidence.add(new RiskAssessment.Evidence(term, category.name()));
          departments.addAll(category.departments());
        }
      }
    }
    if (evidence.isEmpty()) {
      return RiskAssessment.NONE;
    }
    return new RiskAssessment(true, List.copyOf(evidence), List.copyOf(departments));
  }

  /** The categories and their terms, for documentation and the API. */
  public static Map<String, List<String>> terms() {
    Map<String, List<String>> all = new java.util.LinkedHashMap<>();
    CATEGORIES.forEach(c -> all.put(c.name(), c.terms()));
    return all;
  }
}
