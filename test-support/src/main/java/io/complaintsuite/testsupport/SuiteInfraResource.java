package io.complaintsuite.testsupport;

import io.quarkus.test.common.QuarkusTestResourceConfigurableLifecycleManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Points a {@code @QuarkusTest} at the suite's real PostgreSQL and Kafka (started by {@code ./suite
 * infra} when not running, reused when running). Each start gets a fresh database, and fresh copies
 * of the topics named in the {@code topics} argument, so test classes never see each other's rows
 * or events.
 *
 * <p>A test class says which with {@link WithSuiteInfra}.
 */
public class SuiteInfraResource
    implements QuarkusTestResourceConfigurableLifecycleManager<WithSuiteInfra> {
  private String database;
  private final List<String> topicNames = new ArrayList<>();
  private String baseDatabase = "test";
  private List<String> topics = List.of();

  @Override
  public void init(WithSuiteInfra infra) {
    this.baseDatabase = infra.database();
    this.topics = Arrays.asList(infra.topics());
  }

  @Override
  public Map<String, String> start() {
    Infra.ensureRunning();
    LocalKeys.ensure();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> config = new HashMap<>();

    database = baseDatabase + "_t" + suffix;
    Databases.ensure(database);
    String hostPort = SuiteSettings.pgHost() + ":" + SuiteSettings.pgPort();
    config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + database);
    config.put("quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + database);
    config.put("quarkus.datasource.username", SuiteSettings.pgUser());
    config.put("quarkus.datasource.password", SuiteSettings.pgPassword());

    List<Topics.Topic> fresh = new ArrayList<>();
    for (String topic : topics) {
      if (topic.isBlank()) {
        continue;
      }
      Topics.Topic declared = Topics.declared(topic.trim());
      String name = declared.name() + ".t" + suffix;
      fresh.add(new Topics.Topic(name, declared.partitions(), declared.retentionMs()));
      topicNames.add(name);
      config.put("suite.topics." + declared.name(), name);
    }
    Topics.ensure(fresh);
    config.put("kafka.bootstrap.servers", SuiteSettings.kafkaBootstrap());

    config.put("quarkus.oidc.public-key", LocalKeys.publicKeyBase64());
    config.put("quarkus.oidc.token.issuer", SuiteSettings.LOCAL_ISSUER);
    return config;
  }

  @Override
  public void stop() {
    if (database != null && Infra.reachable(SuiteSettings.pgHost(), SuiteSettings.pgPort())) {
      Databases.drop(database);
    }
  }
}
