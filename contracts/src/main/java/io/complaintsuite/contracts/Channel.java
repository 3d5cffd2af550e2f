package io.complaintsuite.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a complaint came in. Oral channels are phone and counter; the rest are written. */
public enum Channel {
  @JsonProperty("phone")
  PHONE(Form.ORAL),
  @JsonProperty("web-chat")
  WEB_CHAT(Form.WRITTEN),
  @JsonProperty("email")
  EMAIL(Form.WRITTEN),
  @JsonProperty("social-media")
  SOCIAL_MEDIA(Form.WRITTEN),
  @JsonProperty("app")
  APP(Form.WRITTEN),
  @JsonProperty("counter")
  COUNTER(Form.ORAL),
  @JsonProperty("letter")
  LETTER(Form.WRITTEN);

  /** Oral (口头) or written (书面) complaint, as the work order records it. */
  public enum Form {
    @JsonProperty("oral")
    ORAL,
    @JsonProperty("written")
    WRITTEN
  }

  private final Form form;

  Channel(Form form) {
    this.form = form;
  }

  public Form form() {
    return form;
  }

  /** The channel's name as the API and events write it, e.g. {@code web-chat}. */
  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The channel for its API name, or null when there is none. */
  public static Channel fromJson(String value) {
    for (Channel c : values()) {
      if (c.json().equals(value)) {
        return c;
      }
    }
    return null;
  }
}
