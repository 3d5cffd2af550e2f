package io.complaintsuite.intake.complaint;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Realistic complaint bodies, in the customers' own words (from the seed plans' vocabulary). */
final class Complaints {
  private Complaints() {}

  static Map<String, Object> accountStolen() {
    Map<String, Object> customer = new HashMap<>();
    customer.put("id", "C-" + UUID.randomUUID().toString().substring(0, 8));
    customer.put("name", "王丽");
    customer.put("phone", "+86 138 0013 8000");
    customer.put("email", "wangli@example.cn");
    Map<String, Object> body = new HashMap<>();
    body.put("channel", "phone");
    body.put("customer", customer);
    body.put("subject", "账户被盗，余额被转走");
    body.put(
        "description",
        "今天早上8点收到短信说我的账户在异地登录，随后余额被转走了2000元！我没有做过任何操作，"
            + "请尽快冻结账户并追回资金。客服热线打了三次都没人接，太让人失望了😡 order#A-1029");
    body.put("urgency", "urgent");
    body.put("expectedResolutionAt", "2026-11-24T18:00:00+08:00");
    return body;
  }

  static Map<String, Object> withExternalId(Map<String, Object> body, String externalId) {
    body.put("externalId", externalId);
    return body;
  }
}
