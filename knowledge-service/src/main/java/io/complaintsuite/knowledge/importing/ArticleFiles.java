package io.complaintsuite.knowledge.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.complaintsuite.knowledge.article.ArticleInput;
import io.complaintsuite.platform.problem.Problem;
import io.complaintsuite.platform.problem.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads articles from the files editors keep: Markdown with a YAML front matter (one article per
 * file), and CSV (one article per row, lists separated by {@code |}). Every mistake is reported
 * with the row or key it is in.
 */
public final class ArticleFiles {
  static final Set<String> LIST_COLUMNS = Set.of("tags", "problemTypes", "channels");
  private static final ObjectMapper FIELDS =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final CsvMapper CSV = new CsvMapper();

  private ArticleFiles() {}

  /** One Markdown file: {@code ---}, YAML keys of {@link ArticleInput}, {@code ---}, the body. */
  public static ArticleInput markdown(String text) {
    String normalized = text.replace("\r\n", "\n").stripLeading();
    if (normalized.startsWith("\uFEFF")) {
      normalized = normalized.substring(1);
    }
    if (!normalized.startsWith("---\n")) {
      throw ProblemException.badField("frontMatter", "the file must start with a --- front matter");
    }
    int end = normalized.indexOf("\n---", 4);
    if (end < 0) {
      throw ProblemException.badField("frontMatter", "the front matter has no closing ---");
    }
    String yaml = normalized.substring(4, end);
    String body = normalized.substring(end + 4).replaceFirst("^[^\n]*\n", "").strip();
    Map<String, Object> fields;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> read = YAML.readValue(yaml, Map.class);
      fields = read == null ? new LinkedHashMap<>() : new LinkedHashMap<>(read);
    } catch (IOException e) {
      throw ProblemException.badField("frontMatter", "is not YAML: " + firstLine(e.getMessage()));
    }
    fields.put("body", body);
    return toInput(fields, "");
  }

  /** A CSV with a header row: slug,kind,title,category,tags,...,body. */
  public static List<ArticleInput> csv(String text) {
    List<ArticleInput> inputs = new ArrayList<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    try (MappingIterator<Map<String, String>> rows =
        CSV.readerFor(Map.class).with(schema).readValues(text)) {
      int row = 0;
      while (rows.hasNext()) {
        row++;
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> cell : rows.next().entrySet()) {
          String value = cell.getValue();
          if (value == null || value.isBlank()) {
            continue;
          }
          fields.put(
              cell.getKey(),
              LIST_COLUMNS.contains(cell.getKey())
                  ? Arrays.stream(value.split("\\|")).map(String::trim).toList()
                  : value);
        }
        try {
          inputs.add(toInput(fields, "rows[" + row + "]."));
        } catch (ProblemException e) {
          errors.addAll(e.toProblem(null).errors());
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProblemException p) {
        throw p;
      }
      throw ProblemException.badField("csv", "cannot be read: " + firstLine(e.getMessage()));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(400, "Invalid request", errors.size() + " invalid fields", errors);
    }
    if (inputs.isEmpty()) {
      throw ProblemException.badField("csv", "has no article rows");
    }
    return inputs;
  }

  private static ArticleInput toInput(Map<String, Object> fields, String prefix) {
    ArticleInput input;
    try {
      input = FIELDS.convertValue(fields, ArticleInput.class);
    } catch (IllegalArgumentException e) {
      String field = "fields";
      if (e.getCause() instanceof JsonProcessingException j
          && j instanceof com.fasterxml.jackson.databind.JsonMappingException m
          && !m.getPath().isEmpty()) {
        field = m.getPath().get(0).getFieldName();
      }
      throw ProblemException.badField(prefix + field, firstLine(e.getMessage()));
    }
    List<Problem.FieldError> errors =
        input.problems(true).stream()
            .map(err -> new Problem.FieldError(prefix + err.field(), err.message()))
            .toList();
    if (!errors.isEmpty()) {
      throw new ProblemException(400, "Invalid request", errors.size() + " invalid fields", errors);
    }
    return input;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
