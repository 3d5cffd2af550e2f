package io.complaintsuite.knowledge.article;

import java.util.Arrays;
import java.util.List;

/** What an article is for; the wire value is the lower-case, hyphenated name. */
public enum ArticleKind {
  FAQ("faq"),
  REPLY_SCRIPT("reply-script"),
  SITUATION_GUIDE("situation-guide"),
  COMPENSATION_POLICY("compensation-policy"),
  CAMPAIGN_RULE("campaign-rule");

  private final String wire;

  ArticleKind(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static List<String> wireValues() {
    return Arrays.stream(values()).map(ArticleKind::wire).toList();
  }

  /** The kind for a wire value, or null when there is none. */
  public static ArticleKind fromWire(String value) {
    for (ArticleKind kind : values()) {
      if (kind.wire.equals(value)) {
        return kind;
      }
    }
    return null;
  }
}
