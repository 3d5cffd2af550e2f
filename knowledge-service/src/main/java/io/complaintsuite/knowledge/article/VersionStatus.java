package io.complaintsuite.knowledge.article;

/** A version's life: draft -> review -> published -> archived (archived is final). */
public enum VersionStatus {
  DRAFT,
  REVIEW,
  PUBLISHED,
  ARCHIVED;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
