package io.complaintsuite.routing.capacity;

import io.complaintsuite.routing.Suite;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * complaint.resolved / closed / reopened data in intake's shape (docs/events/complaint.*.v1.json).
 */
final class Lifecycle {
  private Lifecycle() {}

  static String resolved(UUID id) {
    Map<String, Object> data = base(id);
    data.put("summary", "已处理");
    data.put("rootCause", "快递员误操作");
    data.put("compensation", null);
    data.put("channel", "app");
    data.put("problemType", "delivery");
    data.put("priority", "general");
    data.put("department", "logistics");
    data.put("agent", null);
    data.put("contact", Map.of("customerId", "C-1", "name", "王丽", "phone", "13800000000"));
    data.put("reopenCount", 0);
    data.put("receivedAt", OffsetDateTime.now().toString());
    return write(data);
  }

  static String closed(UUID id) {
    return write(base(id));
  }

  static String reopened(UUID id) {
    Map<String, Object> data = base(id);
    data.put("reason", "问题没有解决");
    data.put("reopenCount", 1);
    return write(data);
  }

  private static Map<String, Object> base(UUID id) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("complaintId", id.toString());
    data.put("number", "TS20261123-777777");
    data.put("actor", "agent-1");
    data.put("occurredAt", OffsetDateTime.now().toString());
    return data;
  }

  private static String write(Object data) {
    try {
      return Suite.JSON.writeValueAsString(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
