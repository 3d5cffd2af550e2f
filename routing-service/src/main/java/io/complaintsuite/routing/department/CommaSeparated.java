package io.complaintsuite.routing.department;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.List;

/** Stores a short list of codes as one text column ("a,b,c"): codes never contain commas. */
@Converter
public class CommaSeparated implements AttributeConverter<List<String>, String> {
  @Override
  public String convertToDatabaseColumn(List<String> values) {
    return values == null ? "" : String.join(",", values);
  }

  @Override
  public List<String> convertToEntityAttribute(String column) {
    if (column == null || column.isBlank()) {
      return List.of();
    }
    return Arrays.stream(column.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
