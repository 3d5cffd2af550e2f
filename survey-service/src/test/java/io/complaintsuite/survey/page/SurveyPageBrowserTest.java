package io.complaintsuite.survey.page;

import static io.complaintsuite.survey.support.SurveyApi.WAIT;
import static io.complaintsuite.survey.support.SurveyApi.at;
import static io.complaintsuite.survey.support.SurveyApi.awaitSurvey;
import static io.complaintsuite.survey.support.SurveyApi.publish;
import static io.complaintsuite.survey.support.SurveyApi.resolved;
import static io.complaintsuite.survey.support.SurveyApi.send;
import static io.complaintsuite.survey.support.SurveyApi.surveys;
import static io.complaintsuite.survey.support.SurveyApi.tokenOf;
import static io.complaintsuite.survey.support.SurveyApi.validated;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.survey.schedule.SurveySender;
import io.complaintsuite.testsupport.Browser;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A real phone-sized headless Chromium opens the link from the real notification, fills in the
 * form, submits it and sees the thank-you page. Screenshots: target/screenshots/survey-*.png.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "survey",
    topics = {
      "complaints",
      "assignments",
      "sla-alerts",
      "surveys",
      "notifications",
      "survey-service.dlq"
    })
class SurveyPageBrowserTest {
  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.notifications")
  String notifications;

  @Inject MutableClock clock;
  @Inject SurveySender sender;

  @Test
  void aCustomerAnswersOnAPhone() throws Exception {
    String id = UUID.randomUUID().toString();
    clock.setShanghai("2026-11-23T15:02:00");
    publish(
        complaints,
        id,
        "complaint.resolved",
        resolved(id, "C-100233", "13800138000", at("2026-11-23T15:02:00")).toString());
    awaitSurvey(id, 1);
    clock.setShanghai("2026-11-23T15:32:00");
    send(sender);
    String token;
    try (TopicReader reader = new TopicReader(notifications)) {
      JsonNode n = validated(reader.await(e -> id.equals(e.key()), 1, WAIT).get(0));
      token = tokenOf(n.get("link").asText());
    }
    // The link points at the configured public base URL; the test server listens elsewhere.
    String url = "http://localhost:" + RestAssured.port + "/s/" + token;

    byte[] html = given().get("/s/" + token).then().statusCode(200).extract().asByteArray();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(html);
    }
    String weight =
        "survey page weight: "
            + html.length
            + " bytes of HTML with its inline CSS ("
            + gz.size()
            + " bytes gzipped), no other request";
    System.out.println(weight);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "page-weight.txt"), weight + "\n", StandardCharsets.UTF_8);

    try (Browser browser = Browser.phone()) {
      WebDriver d = browser.driver();
      d.get(url);
      assertEquals("服务满意度回访", d.getTitle());
      assertTrue(d.findElement(By.tagName("h1")).getText().contains("服务满意度回访"));
      Object resources =
          browser.driver().executeScript("return performance.getEntriesByType('resource').length");
      assertEquals(0L, resources, "nothing loaded besides the page itself");
      Object fits =
          browser
              .driver()
              .executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
      assertEquals(Boolean.TRUE, fits, "no sideways scrolling on a 390 px phone");
      Object unlabelled =
          browser
              .driver()
              .executeScript(
                  "return [...document.querySelectorAll('input,textarea')]"
                      + ".filter(e => !e.closest('label') && !e.labels.length"
                      + " && !e.getAttribute('aria-label')).length");
      assertEquals(0L, unlabelled, "every control has an accessible label");
      browser.screenshot("survey-form");

      d.findElement(By.cssSelector("input[name=responseSpeed][value='5']")).click();
      d.findElement(By.cssSelector("input[name=attitude][value='4']")).click();
      d.findElement(By.cssSelector("input[name=resolution][value='5']")).click();
      d.findElement(By.cssSelector("input[name=nps][value='9']")).click();
      d.findElement(By.id("comment")).sendKeys("师傅上门很及时，问题当天就解决了，谢谢！");
      browser.screenshot("survey-filled");
      browser.submitAndAwaitTitle(By.cssSelector("button[type=submit]"), "感谢您的评价");

      assertEquals("感谢您的评价！", d.findElement(By.tagName("h1")).getText());
      browser.screenshot("survey-thank-you");

      d.get(url); // the link is single use
      assertEquals("您已提交过评价", d.findElement(By.tagName("h1")).getText());
      browser.screenshot("survey-already-answered");
    }
    assertEquals("answered", surveys(id).get(0).get("state"));
  }
}
