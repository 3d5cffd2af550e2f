package io.complaintsuite.knowledge.article;

import io.complaintsuite.contracts.Channel;
import io.complaintsuite.platform.problem.Problem;
import io.complaintsuite.platform.problem.ProblemException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An article's content as an editor sends it (JSON, a Markdown front matter or a CSV row). Lists
 * may be null (empty). {@code slug} and {@code kind} only count when the article is created.
 */
public record ArticleInput(
    String slug,
    String kind,
    String title,
    String body,
    String category,
    List<String> tags,
    List<String> problemTypes,
    List<String> channels,
    String audience,
    OffsetDateTime validFrom,
    OffsetDateTime validUntil,
    LocalDate reviewDue) {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,79}");
  static final List<String> CHANNELS =
      Arrays.stream(Channel.values())
          .map(c -> c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
          .toList();

  /** Every problem with this input, field by field; {@code creating} also checks slug and kind. */
  public List<Problem.FieldError> problems(boolean creating) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (creating) {
      if (slug == null || !SLUG.matcher(slug).matches()) {
        errors.add(
            new Problem.FieldError(
                "slug",
                "must be 2-80 characters of a-z, 0-9 and '-', starting with a letter/digit"));
      }
      if (ArticleKind.fromWire(kind) == null) {
        errors.add(new Problem.FieldError("kind", "must be one of " + ArticleKind.wireValues()));
      }
    }
    text(errors, "title", title, 200);
    text(errors, "body", body, 20_000);
    text(errors, "category", category, 60);
    list(errors, "tags", tags, 20, 30);
    list(errors, "problemTypes", problemTypes, 20, 60);
    if (channels != null) {
      for (int i = 0; i < channels.size(); i++) {
        if (!CHANNELS.contains(channels.get(i))) {
          errors.add(new Problem.FieldError("channels[" + i + "]", "must be one of " + CHANNELS));
        }
      }
    }
    if (Audience.fromWire(audience) == null) {
      errors.add(new Problem.FieldError("audience", "must be one of " + Audience.wireValues()));
    }
    if (validFrom != null && validUntil != null && !validUntil.isAfter(validFrom)) {
      errors.add(new Problem.FieldError("validUntil", "must be after validFrom"));
    }
    return errors;
  }

  /** Throws a 400 problem naming every bad field. */
  public ArticleInput validated(boolean creating) {
    List<Problem.FieldError> errors = problems(creating);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400,
          "Invalid request",
          errors.stream()
              .map(e -> e.field() + ": " + e.message())
              .reduce((a, b) -> a + "; " + b)
              .orElse(""),
          errors);
    }
    return this;
  }

  private static void text(List<Problem.FieldError> errors, String field, String value, int max) {
    if (value == null || value.isBlank()) {
      errors.add(new Problem.FieldError(field, "must not be blank"));
    } else if (value.length() > max) {
      errors.add(new Problem.FieldError(field, "must be at most " + max + " characters"));
    }
  }

  private static void list(
      List<Problem.FieldError> errors, String field, List<String> values, int maxItems, int max) {
    if (values == null) {
      return;
    }
    if (values.size() > maxItems) {
      errors.add(new Problem.FieldError(field, "must have at most " + maxItems + " items"));
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (v == null || v.isBlank() || v.length() > max || v.contains(",")) {
        errors.add(
            new Problem.FieldError(
                field + "[" + i + "]", "must be 1-" + max + " characters without commas"));
      }
    }
  }

  static String join(List<String> values) {
    return values == null ? "" : String.join(",", values.stream().map(String::trim).toList());
  }

  public static List<String> split(String joined) {
    if (joined == null || joined.isBlank()) {
      return List.of();
    }
    return Arrays.stream(joined.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
