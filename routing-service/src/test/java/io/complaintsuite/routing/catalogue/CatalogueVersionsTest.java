package io.complaintsuite.routing.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.complaintsuite.routing.model.ModelVersions;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A new problem type without a migration: an administrator drafts and activates a catalogue version
 * with it, adds examples, retrains, and routing classifies into it (issue 19, item 1).
 */
@QuarkusTest
@WithSuiteInfra(
    database = "routing",
    topics = {"complaints", "assignments", "sla-alerts", "routing-service.dlq"})
class CatalogueVersionsTest {
  /** The seed catalogue, by hand from docs/problem-types.md: code → department, priority. */
  static final Map<String, String[]> SEED = new TreeMap<>();

  static {
    SEED.put("account-stolen", new String[] {"账户被盗", "tech-support", "urgent"});
    SEED.put("privacy-leak", new String[] {"隐私与信息泄露", "legal", "urgent"});
    SEED.put("service-outage", new String[] {"服务中断", "tech-support", "urgent"});
    SEED.put("safety-hazard", new String[] {"安全隐患", "after-sales", "urgent"});
    SEED.put("money-lost", new String[] {"资金损失", "billing", "urgent"});
    SEED.put("billing-dispute", new String[] {"计费争议", "billing", "general"});
    SEED.put("refund", new String[] {"退款退货", "after-sales", "general"});
    SEED.put("delivery", new String[] {"物流配送", "logistics", "general"});
    SEED.put("product-quality", new String[] {"产品质量", "after-sales", "general"});
    SEED.put("repair-installation", new String[] {"报修与上门服务", "after-sales", "general"});
    SEED.put("technical-fault", new String[] {"技术故障", "tech-support", "general"});
    SEED.put("activity-promotion", new String[] {"活动与优惠", "marketing", "general"});
    SEED.put("service-attitude", new String[] {"服务态度", "service-desk", "general"});
    SEED.put("product-suggestion", new String[] {"产品建议", "product", "general"});
    SEED.put("consultation", new String[] {"咨询", "service-desk", "low"});
  }

  // Written for this test: a gym's membership card, a type the shipped catalogue does not have.
  static final List<String> EXAMPLES =
      List.of(
          "健身房会员卡被冻结了 我没申请过冻结",
          "会员卡里的次数少了三次 我明明没去",
          "想把会员卡转给朋友 前台说不行",
          "会员卡到期前没有任何提醒 直接作废了",
          "办的年卡说好可以停卡两个月 现在不给停",
          "会员卡丢了 补办要收200块",
          "游泳馆会员卡刷不开闸机 工作人员说卡坏了",
          "会员卡积分清零了 也没通知",
          "门店关了 会员卡里还剩1800没用完",
          "会员卡升级后权益反而少了",
          "买的储值会员卡换了老板就不认了",
          "会员卡绑定的手机号换了 卡就用不了");

  @Inject Pool pool;

  @Inject ModelVersions versions;

  @AfterEach
  void backToTheSeedCatalogueAndModel() {
    activate(draft(seedTypes()));
    pool.query("delete from labelled_example where problem_type = 'membership-card'")
        .execute()
        .chain(() -> pool.query("update classifier_model set status = 'retired'").execute())
        .chain(
            () ->
                pool.query("update classifier_model set status = 'active' where version = 1")
                    .execute())
        .await()
        .atMost(Duration.ofSeconds(30));
    versions.refresh().await().atMost(Duration.ofMinutes(1));
  }

  @Test
  void theSeedCatalogueHasFifteenTypesWithTheirOwners() {
    JsonPath types =
        given()
            .auth()
            .oauth2(Tokens.forRole("agent"))
            .get("/api/v1/problem-types")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(SEED.size(), types.getList("$").size());
    SEED.forEach(
        (code, e) -> {
          assertEquals(
              e[1], types.getString("find { it.code == '" + code + "' }.department"), code);
          assertEquals(
              e[2], types.getString("find { it.code == '" + code + "' }.defaultPriority"), code);
        });
  }

  @Test
  void aDraftNamesItsWrongField() {
    List<Map<String, Object>> types = seedTypes();
    types.get(1).put("department", "nowhere");
    badDraft(types, "types[1].department");
    types = seedTypes();
    types.get(2).put("code", types.get(0).get("code"));
    badDraft(types, "types[2].code");
    types = seedTypes();
    types.get(3).put("defaultPriority", "asap");
    badDraft(types, "types[3].defaultPriority");
    given()
        .auth()
        .oauth2(Tokens.forRole("supervisor"))
        .contentType(ContentType.JSON)
        .body(Map.of("types", seedTypes()))
        .post("/api/v1/problem-types/versions")
        .then()
        .statusCode(403);
  }

  @Test
  void aNewTypeIsActivatedTrainedAndRoutedWithoutAMigration() {
    List<Map<String, Object>> types = seedTypes();
    types.add(type("membership-card", "会员卡", "marketing", "general"));
    JsonPath activation = activate(draft(types));
    assertEquals(List.of("membership-card"), activation.getList("untrainedTypes"));
    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .get("/api/v1/problem-types")
        .then()
        .body("code", hasItem("membership-card"));

    for (String text : EXAMPLES) {
      given()
          .auth()
          .oauth2(Tokens.forRole("admin"))
          .contentType(ContentType.JSON)
          .body(Map.of("problemType", "membership-card", "text", text, "reason", "新类型的样例"))
          .post("/api/v1/classifier/examples")
          .then()
          .statusCode(201);
    }
    JsonPath version =
        given()
            .auth()
            .oauth2(Tokens.forRole("admin"))
            .post("/api/v1/classifier/models")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertEquals("active", version.getString("status"), version.getString("reason"));

    // Written for this test, not among the examples.
    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "channel", "app",
                "subject", "会员卡",
                "description", "我在你们店办的会员卡突然不能用了 里面还有好几百",
                "customer", Map.of("id", "C-card-1")))
        .post("/api/v1/routing/dry-run")
        .then()
        .statusCode(200)
        .body("problemType", equalTo("membership-card"))
        .body("department", equalTo("marketing"));
  }

  private static void badDraft(List<Map<String, Object>> types, String field) {
    given()
        .auth()
        .oauth2(Tokens.forRole("admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("description", "wrong", "types", types))
        .post("/api/v1/problem-types/versions")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo(field));
  }

  private static int draft(List<Map<String, Object>> types) {
    return given()
        .auth()
        .oauth2(Tokens.forRole("admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("description", "test", "types", types))
        .post("/api/v1/problem-types/versions")
        .then()
        .statusCode(201)
        .body("status", equalTo("draft"))
        .extract()
        .path("version");
  }

  private static JsonPath activate(int version) {
    return given()
        .auth()
        .oauth2(Tokens.forRole("admin"))
        .post("/api/v1/problem-types/versions/" + version + "/activation")
        .then()
        .statusCode(200)
        .body("version.status", equalTo("active"))
        .extract()
        .jsonPath();
  }

  private static List<Map<String, Object>> seedTypes() {
    List<Map<String, Object>> types = new ArrayList<>();
    SEED.forEach((code, e) -> types.add(type(code, e[0], e[1], e[2])));
    return types;
  }

  private static Map<String, Object> type(
      String code, String name, String department, String priority) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("code", code);
    t.put("name", name);
    t.put("department", department);
    t.put("defaultPriority", priority);
    return t;
  }
}
