package io.complaintsuite.knowledge.article;

import java.util.Arrays;
import java.util.List;

/** Who may read an article: agents only, or customers too (the chatbot answers with these). */
public enum Audience {
  AGENT("agent"),
  CUSTOMER("customer");

  private final String wire;

  Audience(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static List<String> wireValues() {
    return Arrays.stream(values()).map(Audience::wire).toList();
  }

  public static Audience fromWire(String value) {
    for (Audience audience : values()) {
      if (audience.wire.equals(value)) {
        return audience;
      }
    }
    return null;
  }
}
