package io.complaintsuite.knowledge.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Search, answers and gaps over the starter articles that a fresh database is seeded with: what
 * agents and the chatbot see.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "knowledge",
    topics = {"complaints", "knowledge", "knowledge-service.dlq"})
class SearchAndAnswerTest {
  @Inject SearchIndex index;
  @Inject Pool pool;

  static ValidatableResponse search(String role, String q, String... params) {
    var request = given().auth().oauth2(Tokens.forRole(role)).queryParam("q", q);
    for (int i = 0; i + 1 < params.length; i += 2) {
      request = request.queryParam(params[i], params[i + 1]);
    }
    return request.get("/api/v1/search").then().statusCode(200);
  }

  static ValidatableResponse ask(String question) {
    return given()
        .auth()
        .oauth2(Tokens.forRole("bot"))
        .contentType(ContentType.JSON)
        .body(Map.of("question", question))
        .post("/api/v1/answers")
        .then()
        .statusCode(200);
  }

  @Test
  void synonymsFindArticlesThatShareNoWordingWithTheQuery() {
    // "退钱" and "包裹" appear in no article: the synonyms 退款 and 快递/物流 find them.
    search("agent", "退钱几天能到")
        .body("hits[0].slug", equalTo("refund-timeline"))
        .body("hits[0].snippet", containsString("<em>"));
    search("agent", "包裹迟迟不更新").body("hits.slug", hasItem("delivery-delay"));
    search("agent", "帐户被盗").body("hits[0].slug", equalTo("account-stolen"));
  }

  @Test
  void typosAndUnknownWordsStillFindTheArticle() {
    search("agent", "退宽多久到帐").body("hits[0].slug", equalTo("refund-timeline"));
    search("agent", "快第显示签收了没收到").body("hits[0].slug", equalTo("delivery-signed-not-received"));
  }

  @Test
  void filtersAndAudienceAreRespected() {
    search("agent", "物流延误", "kind", "reply-script")
        .body("hits", not(empty()))
        .body("hits.kind", everyItem(equalTo("reply-script")));
    search("agent", "物流延误", "category", "补偿政策")
        .body("hits[0].slug", equalTo("compensation-delivery-delay"))
        .body("hits.category", everyItem(equalTo("补偿政策")));
    search("agent", "物流延误补偿", "audience", "customer")
        .body("hits.audience", everyItem(equalTo("customer")));
    // Agents see agent-only compensation rules; the chatbot never does.
    search("agent", "物流延误补偿标准").body("hits.slug", hasItem("compensation-delivery-delay"));
    search("bot", "物流延误补偿标准")
        .body("hits.slug", not(hasItem("compensation-delivery-delay")))
        .body("hits.audience", everyItem(equalTo("customer")));
    // The 2026 National Day rules expired: never served.
    search("agent", "国庆特惠活动规则").body("hits.slug", not(hasItem("campaign-national-day-2026")));
  }

  @Test
  void aConfidentAnswerOrAHandOff() {
    ask("退款一般多久能到账？")
        .body("handoff", equalTo(false))
        .body("article.slug", equalTo("refund-timeline"))
        .body("article.version", equalTo(1))
        .body("article.body", containsString("工作日"))
        .body("confidence", greaterThanOrEqualTo(0.7f));
    ask("你们支持用比特币付款吗").body("handoff", equalTo(true)).body("confidence", lessThan(0.7f));
    // Compensation tiers are agent-only: the bot hands off rather than quoting them.
    ask("快递延误能赔多少钱")
        .body("handoff", equalTo(true))
        .body("article.slug", not(equalTo("compensation-delivery-delay")));
    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .contentType(ContentType.JSON)
        .body(Map.of("question", "退款"))
        .post("/api/v1/answers")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(Tokens.forRole("bot"))
        .contentType(ContentType.JSON)
        .body(Map.of("question", " "))
        .post("/api/v1/answers")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("question"));
  }

  @Test
  void theGapReportListsZeroResultQueriesByWordingAndFeedback() {
    search("agent", "量子纠缠加密狗").body("hits", empty());
    search("agent", "加密狗量子纠缠").body("hits", empty());
    ask("你们支持用比特币付款吗").body("handoff", equalTo(true));
    String articleId = ask("忘记密码了怎么办").body("handoff", equalTo(false)).extract().path("article.id");
    given()
        .auth()
        .oauth2(Tokens.forRole("bot"))
        .contentType(ContentType.JSON)
        .body(Map.of("articleId", articleId, "version", 1, "helpful", false, "comment", "没有说清楚"))
        .post("/api/v1/feedback")
        .then()
        .statusCode(204);
    given()
        .auth()
        .oauth2(Tokens.forRole("bot"))
        .contentType(ContentType.JSON)
        .body(Map.of("articleId", articleId, "version", 1))
        .post("/api/v1/feedback")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("helpful"));

    given()
        .auth()
        .oauth2(Tokens.forRole("kb-editor"))
        .get("/api/v1/gaps")
        .then()
        .statusCode(200)
        .body(
            "queries.find { it.source == 'search' && it.sampleQuery.contains('量子') }.occurrences",
            equalTo(2))
        .body("queries.find { it.source == 'answer' }.sampleQuery", equalTo("你们支持用比特币付款吗"))
        .body(
            "unhelpfulArticles.find { it.articleId == '" + articleId + "' }.notHelpful", equalTo(1))
        .body("neverServed.slug", hasItem("invoice"))
        .body("neverServed.slug", not(hasItem("password-reset")));
    given().auth().oauth2(Tokens.forRole("agent")).get("/api/v1/gaps").then().statusCode(403);
  }

  @Test
  void theIndexIsRebuiltFromTheDatabaseWhenMissing() throws IOException {
    // Other tests' changes may still be arriving as events: count what the database has published.
    int before = publishedArticles();
    assertTrue(before > 20, "the seed is indexed: " + before);
    Path path = index.path();
    index.close();
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertFalse(Files.exists(path));
    index.start();
    assertEquals("rebuilt", index.lastStart());
    assertEquals(before, index.size());
    search("agent", "怎么开发票").body("hits[0].slug", equalTo("invoice"));

    // A restart over an existing index only catches up.
    index.close();
    index.start();
    assertEquals("caught-up", index.lastStart());
    assertEquals(before, index.size());
  }

  private int publishedArticles() {
    return pool.query("select count(*) from article where published_version is not null")
        .execute()
        .await()
        .atMost(Duration.ofSeconds(10))
        .iterator()
        .next()
        .getInteger(0);
  }

  @Test
  void badSearchesAreProblems() {
    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .get("/api/v1/search")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("q"));
    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .queryParam("q", "退款")
        .queryParam("limit", 0)
        .get("/api/v1/search")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"));
    given().queryParam("q", "退款").get("/api/v1/search").then().statusCode(401);
    given()
        .auth()
        .oauth2(Tokens.forRole("channel"))
        .queryParam("q", "退款")
        .get("/api/v1/search")
        .then()
        .statusCode(403);
    search("agent", "退款")
        .body("tookMs", notNullValue())
        .body("hits[0].highlightedTitle", notNullValue());
    search("agent", "退款", "channel", "phone").body("hits", not(empty()));
    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .queryParam("q", "退款")
        .queryParam("channel", "fax")
        .get("/api/v1/search")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("channel"))
        .body("errors[0].message", not(nullValue()));
  }
}
