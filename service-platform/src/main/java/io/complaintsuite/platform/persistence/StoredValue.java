package io.complaintsuite.platform.persistence;

import jakarta.persistence.AttributeConverter;
import java.util.Arrays;
import java.util.List;

/**
 * An enum persisted as a text value: each constant keeps the value its column held before the enum
 * existed, so no migration is needed, and the API shows the same value. The enum names its values;
 * finding a constant by value and the JPA converter are written once, here.
 */
public interface StoredValue {
  /** As stored in the column and shown by the API. */
  String dbValue();

  /** The constant stored as {@code dbValue}; an unknown value is an error (the data is wrong). */
  static <E extends Enum<E> & StoredValue> E of(Class<E> type, String dbValue) {
    for (E v : type.getEnumConstants()) {
      if (v.dbValue().equals(dbValue)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown " + type.getSimpleName() + " " + dbValue);
  }

  /** Every value, in declaration order: e.g. what a query parameter may be. */
  static <E extends Enum<E> & StoredValue> List<String> dbValues(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(StoredValue::dbValue).toList();
  }

  /**
   * The JPA converter of one such enum: {@code @Converter public static class Column extends
   * StoredValue.Column<X> { public Column() { super(X.class); } }}.
   */
  abstract class Column<E extends Enum<E> & StoredValue> implements AttributeConverter<E, String> {
    private final Class<E> type;

    protected Column(Class<E> type) {
      this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
      return value == null ? null : value.dbValue();
    }

    @Override
    public E convertToEntityAttribute(String value) {
      return value == null ? null : of(type, value);
    }
  }
}
