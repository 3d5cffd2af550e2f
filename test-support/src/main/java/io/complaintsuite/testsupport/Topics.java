package io.complaintsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The suite's topics as listed in infra/topics.conf, created with their partition counts. */
public final class Topics {
  public record Topic(String name, int partitions, long retentionMs) {}

  private Topics() {}

  public static List<Topic> declared(Path conf) {
    try {
      List<Topic> topics = new ArrayList<>();
      for (String line : Files.readAllLines(conf)) {
        String content = line.replaceAll("#.*", "").trim();
        if (content.isEmpty()) {
          continue;
        }
        String[] parts = content.split("\\s+");
        topics.add(new Topic(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2])));
      }
      return topics;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Topic> declared() {
    return declared(SuiteSettings.home().resolve("infra/topics.conf"));
  }

  public static Topic declared(String name) {
    return declared().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("topic not in infra/topics.conf: " + name));
  }

  /** Creates every topic that does not exist yet; existing ones are left as they are. */
  public static void ensure(List<Topic> topics) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.stream()
              .filter(t -> !existing.contains(t.name()))
              .map(
                  t ->
                      new NewTopic(t.name(), t.partitions(), (short) 1)
                          .configs(Map.of("retention.ms", Long.toString(t.retentionMs()))))
              .toList();
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot create topics on " + SuiteSettings.kafkaBootstrap() + ": " + e.getMessage(), e);
    }
  }
}
