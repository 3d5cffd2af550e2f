package io.complaintsuite.intake.delivery;

import io.complaintsuite.intake.settings.IntakeSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One signed POST to a receiver. Bounded by {@code intake.delivery.timeout}; never follows
 * redirects (a redirect could lead past the target check); any answer but 2xx is a failure.
 */
@ApplicationScoped
public class WebhookSender {
  private final HttpClient client;
  private final Duration timeout;

  public WebhookSender(IntakeSettings settings) {
    this.timeout = settings.delivery().timeout();
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** What one attempt came to: the HTTP status (0 when none), an error, the time it took. */
  public record Attempt(int status, String error, long latencyMs) {
    boolean delivered() {
      return status >= 200 && status < 300;
    }
  }

  public Uni<Attempt> send(URI url, String id, long timestamp, String body, List<byte[]> keys) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("content-type", "application/json")
            .header("user-agent", "complaint-suite-webhooks/1")
            .header("webhook-id", id)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", WebhookSignature.header(id, timestamp, body, keys))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    long started = System.nanoTime();
    return Uni.createFrom()
        .completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
        .map(
            response -> {
              long ms = (System.nanoTime() - started) / 1_000_000;
              int status = response.statusCode();
              return new Attempt(
                  status, status >= 200 && status < 300 ? null : "receiver answered " + status, ms);
            })
        .onFailure()
        .recoverWithItem(
            e ->
                new Attempt(
                    0,
                    e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    (System.nanoTime() - started) / 1_000_000));
  }
}
