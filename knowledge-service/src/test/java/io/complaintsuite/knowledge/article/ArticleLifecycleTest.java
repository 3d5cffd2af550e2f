package io.complaintsuite.knowledge.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.knowledge.EventSchemas;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Editors' view: creating, validating, versioning and superseding articles; what search serves. */
@QuarkusTest
@WithSuiteInfra(
    database = "knowledge",
    topics = {"complaints", "knowledge", "knowledge-service.dlq"})
class ArticleLifecycleTest {
  @ConfigProperty(name = "suite.topics.knowledge")
  String knowledgeTopic;

  static Map<String, Object> article(String slug, String title, String body) {
    Map<String, Object> a = new HashMap<>();
    a.put("slug", slug);
    a.put("kind", "campaign-rule");
    a.put("title", title);
    a.put("body", body);
    a.put("category", "活动规则");
    a.put("tags", List.of("年货节", "满减"));
    a.put("problemTypes", List.of("活动咨询"));
    a.put("channels", List.of());
    a.put("audience", "customer");
    return a;
  }

  static String create(Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(Tokens.forUser("editor-li", "kb-editor"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/articles")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static ValidatableResponse step(String id, int version, String action) {
    return given()
        .auth()
        .oauth2(Tokens.forUser("editor-li", "kb-editor"))
        .post("/api/v1/articles/" + id + "/versions/" + version + "/" + action)
        .then();
  }

  static ValidatableResponse search(String q, String... params) {
    var request = given().auth().oauth2(Tokens.forRole("agent")).queryParam("q", q);
    for (int i = 0; i + 1 < params.length; i += 2) {
      request = request.queryParam(params[i], params[i + 1]);
    }
    return request.get("/api/v1/search").then().statusCode(200);
  }

  @Test
  void aPublishedRuleChangeSupersedesTheOldVersionAtOnce() throws Exception {
    String id = create(article("new-year-fair-rules", "年货节满减规则", "年货节期间全场满200元减30元，优惠券不可叠加。"));
    // A draft is not served.
    search("年货节满减").body("hits.slug", not(hasItem("new-year-fair-rules")));
    step(id, 1, "publish").statusCode(409); // a draft must be reviewed first
    step(id, 1, "submit").statusCode(200).body("versions[0].status", equalTo("review"));
    step(id, 1, "publish")
        .statusCode(200)
        .body("publishedVersion", equalTo(1))
        .body("versions[0].status", equalTo("published"));
    search("年货节满减")
        .body("hits[0].slug", equalTo("new-year-fair-rules"))
        .body("hits[0].snippet", containsString("<em>"));

    // The rule changes: version 2 is drafted while version 1 is still served.
    Map<String, Object> changed = article("ignored", "年货节满减规则（调整）", "年货节期间全场满300元减60元，可与店铺券叠加。");
    given()
        .auth()
        .oauth2(Tokens.forUser("editor-wang", "kb-editor"))
        .contentType(ContentType.JSON)
        .body(changed)
        .post("/api/v1/articles/" + id + "/versions")
        .then()
        .statusCode(201)
        .body("latestVersion", equalTo(2))
        .body("publishedVersion", equalTo(1));
    search("年货节满减").body("hits[0].version", equalTo(1));
    step(id, 2, "submit").statusCode(200);
    step(id, 2, "publish")
        .statusCode(200)
        .body("publishedVersion", equalTo(2))
        .body("versions.status", contains("archived", "published"));
    // Immediately: the new rule is served, the old wording is gone.
    search("满300元减60元").body("hits[0].slug", equalTo("new-year-fair-rules"));
    search("年货节满减").body("hits[0].version", equalTo(2));
    search("满200元减30元")
        .body("hits.findAll { it.slug == 'new-year-fair-rules' }.version", everyItem(equalTo(2)));

    given()
        .auth()
        .oauth2(Tokens.forRole("kb-editor"))
        .get("/api/v1/articles/" + id + "/history")
        .then()
        .statusCode(200)
        .body("action", hasItems("created", "submitted", "published", "superseded"))
        .body("find { it.action == 'superseded' }.version", equalTo(1))
        .body("find { it.action == 'superseded' }.actor", equalTo("editor-li"))
        .body("find { it.action == 'created' && it.version == 2 }.actor", equalTo("editor-wang"));

    try (TopicReader reader = new TopicReader(knowledgeTopic)) {
      List<TopicReader.Event> events =
          reader.await(
              e -> id.equals(e.key()) && "knowledge.article-published".equals(e.header("ce_type")),
              2,
              Duration.ofSeconds(30));
      JsonNode second = EventSchemas.valid(events.get(1), "knowledge.article-published");
      assertEquals(2, second.get("version").asInt());
      assertEquals(1, second.get("supersededVersion").asInt());
    }

    // Archived: served no more.
    step(id, 2, "archive").statusCode(200).body("publishedVersion", equalTo(null));
    search("年货节满减").body("hits.slug", not(hasItem("new-year-fair-rules")));
    try (TopicReader reader = new TopicReader(knowledgeTopic)) {
      TopicReader.Event archived =
          reader
              .await(
                  e ->
                      id.equals(e.key())
                          && "knowledge.article-archived".equals(e.header("ce_type")),
                  1,
                  Duration.ofSeconds(30))
              .get(0);
      EventSchemas.valid(archived, "knowledge.article-archived");
    }
  }

  @Test
  void expiredAndNotYetValidContentIsNeverServed() {
    OffsetDateTime now = OffsetDateTime.now();
    Map<String, Object> expired = article("spring-sale-ended", "春季换新活动规则", "春季换新活动，以旧换新补贴100元。");
    expired.put("validFrom", now.minusDays(30).toString());
    expired.put("validUntil", now.minusDays(1).toString());
    Map<String, Object> future = article("summer-sale-coming", "夏季换新活动规则", "夏季换新活动，以旧换新补贴200元。");
    future.put("validFrom", now.plusDays(5).toString());
    Map<String, Object> current = article("autumn-sale-now", "秋季换新活动规则", "秋季换新活动，以旧换新补贴150元。");
    current.put("validUntil", now.plusDays(5).toString());
    for (Map<String, Object> a : List.of(expired, future, current)) {
      String id = create(a);
      step(id, 1, "submit").statusCode(200);
      step(id, 1, "publish").statusCode(200);
    }
    search("换新活动 以旧换新补贴")
        .body("hits.slug", hasItem("autumn-sale-now"))
        .body("hits.slug", not(hasItem("spring-sale-ended")))
        .body("hits.slug", not(hasItem("summer-sale-coming")));
  }

  @Test
  void badInputIsAProblemNamingEachField() {
    Map<String, Object> bad = article("Bad Slug!", " ", "正文");
    bad.put("kind", "poem");
    bad.put("audience", "everyone");
    bad.put("channels", List.of("fax"));
    bad.put("validFrom", "2026-12-01T00:00:00Z");
    bad.put("validUntil", "2026-11-01T00:00:00Z");
    given()
        .auth()
        .oauth2(Tokens.forRole("kb-editor"))
        .contentType(ContentType.JSON)
        .body(bad)
        .post("/api/v1/articles")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "errors.field",
            hasItems("slug", "kind", "title", "audience", "channels[0]", "validUntil"));
    given()
        .auth()
        .oauth2(Tokens.forRole("kb-editor"))
        .contentType(ContentType.JSON)
        .body("{\"slug\": [1,2]")
        .post("/api/v1/articles")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(Tokens.forRole("kb-editor"))
        .post("/api/v1/articles/00000000-0000-0000-0000-000000000000/versions/1/publish")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.JSON)
        .body(article("no-token", "标题", "正文"))
        .post("/api/v1/articles")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .contentType(ContentType.JSON)
        .body(article("agent-cannot", "标题", "正文"))
        .post("/api/v1/articles")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .queryParam("q", "退款")
        .queryParam("kind", "poem")
        .get("/api/v1/search")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("kind"));
  }

  @Test
  void markdownAndCsvFilesAreImported() {
    String markdown =
        "---\n"
            + "slug: gift-card-balance\n"
            + "kind: faq\n"
            + "title: 礼品卡余额怎么查询？\n"
            + "category: 优惠与会员\n"
            + "tags: [礼品卡, 余额]\n"
            + "audience: customer\n"
            + "---\n"
            + "在“我的—礼品卡”页面可以查看每张礼品卡的余额和有效期。\n";
    given()
        .auth()
        .oauth2(Tokens.forRole("kb-editor"))
        .contentType("text/markdown; charset=UTF-8")
        .queryParam("publish", true)
        .body(markdown)
        .post("/api/v1/articles/import")
        .then()
        .statusCode(200)
        .body("created", contains("gift-card-balance"));
    search("礼品卡还剩多少钱").body("hits[0].slug", equalTo("gift-card-balance"));

    String csv =
        "slug,kind,title,category,tags,audience,body\n"
            + "night-delivery,faq,晚上能送货吗？,物流配送,配送|夜间,customer,\"夜间配送时间为18:00-22:00，需要在下单时选择。\"\n"
            + "gift-card-balance,faq,重复的,优惠与会员,,customer,已存在的不会被覆盖\n";
    given()
        .auth()
        .oauth2(Tokens.forRole("kb-editor"))
        .contentType("text/csv; charset=UTF-8")
        .body(csv)
        .post("/api/v1/articles/import")
        .then()
        .statusCode(200)
        .body("created", contains("night-delivery"))
        .body("skipped", contains("gift-card-balance"));
    given()
        .auth()
        .oauth2(Tokens.forRole("kb-editor"))
        .get("/api/v1/articles/by-slug/night-delivery")
        .then()
        .statusCode(200)
        .body("versions[0].status", equalTo("draft"))
        .body("versions[0].tags", contains("配送", "夜间"));

    given()
        .auth()
        .oauth2(Tokens.forRole("kb-editor"))
        .contentType("text/csv; charset=UTF-8")
        .body("slug,kind,title,category,audience,body\nok-slug,faq,,物流配送,robots,正文\n")
        .post("/api/v1/articles/import")
        .then()
        .statusCode(400)
        .body("errors.field", hasItems("rows[1].title", "rows[1].audience"));
    given()
        .auth()
        .oauth2(Tokens.forRole("kb-editor"))
        .contentType("text/markdown; charset=UTF-8")
        .body("no front matter")
        .post("/api/v1/articles/import")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("frontMatter"));
  }
}
