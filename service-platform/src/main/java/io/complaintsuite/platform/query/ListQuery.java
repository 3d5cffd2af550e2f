package io.complaintsuite.platform.query;

import io.complaintsuite.platform.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The filters, limit and cursor of one request to a list endpoint, as a Panache query: every list
 * of the suite is built here, so each validates its limit the same way and pages the same way. The
 * order is a stable keyset (a time, then the id), and a page's cursor is the position after its
 * last item, so paging never skips or repeats a row while rows are added.
 *
 * <pre>{@code
 * ListQuery q = ListQuery.of(limit, 100, 1000, cursor, "raisedAt", NEWEST_FIRST, UUID.class)
 *     .equal("complaintId", complaintId)
 *     .equal("kind", kind);
 * SlaAlert.find(q.query(), q.parameters()).range(0, q.limit()).list()
 *     .map(rows -> q.page(rows, a -> a.raisedAt, a -> a.id, AlertView::of));
 * }</pre>
 */
public final class ListQuery {
  public static final boolean NEWEST_FIRST = true;
  public static final boolean OLDEST_FIRST = false;

  /** One page; {@code next} is the cursor of the following page, null on the last. */
  public record Page<T>(List<T> items, String next) {}

  private final List<String> where = new ArrayList<>();
  private final Parameters params = new Parameters();
  private final int limit;
  private final String sortField;
  private final boolean descending;

  private ListQuery(int limit, String sortField, boolean descending) {
    this.limit = limit;
    this.sortField = sortField;
    this.descending = descending;
  }

  /**
   * The requested number of items, {@code defaultLimit} when none was asked for; a problem naming
   * {@code limit} outside 1..{@code max}. Also for lists that are a top-N rather than pages.
   */
  public static int limit(Integer requested, int defaultLimit, int max) {
    int limit = requested == null ? defaultLimit : requested;
    if (limit < 1 || limit > max) {
      throw ProblemException.badField("limit", "must be between 1 and " + max);
    }
    return limit;
  }

  /**
   * A list of at most {@code requested} items ({@link #limit(Integer, int, int)}), after {@code
   * cursor} when given (else a problem naming {@code cursor}), ordered by {@code sortField} then
   * the id, whose type ({@code UUID} or {@code String}) is {@code idType}.
   */
  public static ListQuery of(
      Integer requested,
      int defaultLimit,
      int max,
      String cursor,
      String sortField,
      boolean descending,
      Class<?> idType) {
    ListQuery q = new ListQuery(limit(requested, defaultLimit, max), sortField, descending);
    if (cursor != null) {
      Cursor after = Cursor.decode(cursor, idType);
      String op = descending ? "<" : ">";
      q.where.add(
          "("
              + sortField
              + " "
              + op
              + " :cursorAt or ("
              + sortField
              + " = :cursorAt and id "
              + op
              + " :cursorId))");
      q.params.and("cursorAt", after.at()).and("cursorId", after.id());
    }
    return q;
  }

  /** {@code field = value} when a value is given; nothing when it is null. */
  public ListQuery equal(String field, Object value) {
    if (value != null) {
      where.add(field + " = :" + field);
      params.and(field, value);
    }
    return this;
  }

  /** A condition with one named parameter, e.g. {@code where("receivedAt >= :from", "from", t)}. */
  public ListQuery where(String condition, String parameter, Object value) {
    where.add(condition);
    params.and(parameter, value);
    return this;
  }

  /** A condition without parameters, e.g. {@code acknowledgedAt is null}. */
  public ListQuery where(String condition) {
    where.add(condition);
    return this;
  }

  /** The HQL: the conditions and the keyset order. */
  public String query() {
    String order = descending ? " desc" : "";
    return (where.isEmpty() ? "" : String.join(" and ", where))
        + " order by "
        + sortField
        + order
        + ", id"
        + order;
  }

  public Parameters parameters() {
    return params;
  }

  /**
   * The last row index to fetch: {@code range(0, limit())} reads one row more than a page, which
   * tells whether another page follows.
   */
  public int limit() {
    return limit;
  }

  /** The page of {@code rows} (read with {@code range(0, limit())}) and the next page's cursor. */
  public <E, T> Page<T> page(
      List<E> rows, Function<E, OffsetDateTime> sortValue, Function<E, ?> id, Function<E, T> view) {
    List<T> items = rows.stream().limit(limit).map(view).toList();
    String next = null;
    if (rows.size() > limit) {
      E last = rows.get(limit - 1);
      next = new Cursor(sortValue.apply(last), id.apply(last)).encode();
    }
    return new Page<>(items, next);
  }

  /** Position after the last item of a page; opaque to clients. */
  record Cursor(OffsetDateTime at, Object id) {
    String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String value, Class<?> idType) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8)
                .split("\\|", 2);
        Object id = idType == UUID.class ? UUID.fromString(parts[1]) : parts[1];
        return new Cursor(OffsetDateTime.parse(parts[0]), id);
      } catch (RuntimeException e) {
        throw ProblemException.badField("cursor", "is not a cursor this API returned");
      }
    }
  }
}
