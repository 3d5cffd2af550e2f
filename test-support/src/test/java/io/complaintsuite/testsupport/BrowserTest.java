package io.complaintsuite.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The page-test browser renders a localhost page, submits a form and keeps a screenshot. */
class BrowserTest {
  @Test
  void submitsAFormOnALocalPageAndKeepsAScreenshot() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String page =
              exchange.getRequestURI().getQuery() == null
                  ? "<!doctype html><meta charset=utf-8><title>问卷</title>"
                      + "<form><label for=c>意见</label><input id=c name=c><button>提交</button></form>"
                  : "<!doctype html><meta charset=utf-8><title>谢谢</title><p id=done>"
                      + exchange.getRequestURI().getQuery()
                      + "</p>";
          byte[] body = page.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try (Browser browser = Browser.phone()) {
      var driver = browser.driver();
      driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      assertEquals("问卷", driver.getTitle());
      driver.findElement(By.id("c")).sendKeys("ok");
      browser.submitAndAwaitTitle(By.tagName("button"), "谢谢");
      assertEquals("谢谢", driver.getTitle());
      assertEquals("c=ok", driver.findElement(By.id("done")).getText());
      var png = browser.screenshot("browser-self-test");
      assertTrue(Files.size(png) > 1000, "a real screenshot");
    } finally {
      server.stop(0);
    }
  }
}
