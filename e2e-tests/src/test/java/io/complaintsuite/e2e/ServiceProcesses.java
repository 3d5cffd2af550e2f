package io.complaintsuite.e2e;

import io.complaintsuite.testsupport.Databases;
import io.complaintsuite.testsupport.Infra;
import io.complaintsuite.testsupport.LocalKeys;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The five services as separate processes, started from their packaged jars ({@code
 * SERVICE/target/quarkus-app/quarkus-run.jar}) against the suite's real PostgreSQL and Kafka, each
 * with a fresh database and all of them with fresh copies of the suite's topics, so nothing else
 * that runs on the shared servers sees their rows or events. Their clocks are movable ({@code
 * platform.clock.movable=true}) and moved together by {@link #setClock}.
 *
 * <p>Settings (system properties): {@code e2e.port-base} (intake on BASE, routing BASE+1, sla
 * BASE+2, survey BASE+3, knowledge BASE+4, like 8081-8085 of {@code ./suite up}; default: free
 * ports), {@code e2e.service-heap} (default 384m), {@code e2e.start-timeout-seconds} (default 600:
 * five services starting at once on a loaded two-core machine took up to 270 s). Each service's
 * output goes to {@code e2e-tests/target/e2e-logs/SERVICE.log}.
 */
public final class ServiceProcesses implements AutoCloseable {
  /** In the order of their ports in {@code ./suite up}. */
  public static final List<String> SERVICES =
      List.of(
          "intake-service",
          "routing-service",
          "sla-service",
          "survey-service",
          "knowledge-service");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, String> topics = new LinkedHashMap<>();
  private final Map<String, String> databases = new LinkedHashMap<>();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, Integer> restarts = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Replica> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Duration clockOffset = Duration.ZERO;
  private final Path logDir = Path.of("target", "e2e-logs").toAbsolutePath();
  private final Thread shutdownHook = new Thread(this::stopProcesses, "e2e-services-stop");

  private ServiceProcesses() {}

  /** Starts the five services and waits until each is ready. */
  public static ServiceProcesses start() {
    ServiceProcesses suite = new ServiceProcesses();
    try {
      suite.launch();
      return suite;
    } catch (RuntimeException | Error e) {
      suite.close();
      throw e;
    }
  }

  public String url(String service) {
    return "http://127.0.0.1:" + ports.get(service);
  }

  /** The name of the service's database for this run, e.g. intake_e2e_1a2b3c4d. */
  public String database(String service) {
    return databases.get(service);
  }

  /** The operating-system process id of the service's first instance. */
  public long pid(String service) {
    return processes.get(service).pid();
  }

  /**
   * Kills the service's first instance with SIGKILL (no shutdown hook, no graceful close: a crash
   * or an OOM kill), starts it again on the same port with the same database and topics, waits
   * until it is ready and sets its clock to the suite's. Returns how long it took from the kill
   * until the new process was ready.
   */
  public synchronized Duration killAndRestart(String service) {
    Process old = processes.get(service);
    Instant killed = Instant.now();
    old.destroyForcibly(); // SIGKILL on Linux
    try {
      if (!old.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(service + " did not die on SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    restarts.merge(service, 1, Integer::sum);
    String logName = service + "-restart-" + restarts.get(service);
    Process fresh = spawn(service, databases.get(service), ports.get(service), logName);
    processes.put(service, fresh);
    long timeout = Long.getLong("e2e.start-timeout-seconds", 600);
    awaitReady(logName, url(service), fresh, Instant.now().plusSeconds(timeout), timeout);
    moveClock(service, url(service), clockOffset);
    return Duration.between(killed, Instant.now());
  }

  /** The physical name of one of the suite's topics for this run, e.g. complaints.e2e1a2b3c4d. */
  public String topic(String logical) {
    return topics.get(logical);
  }

  /** What the services' (moved) clocks read now. */
  public Instant now() {
    return Instant.now().plus(clockOffset);
  }

  /**
   * Sets every service's clock to read {@code instant} now (one offset from system time for all
   * five, so they agree to the millisecond); time runs on from there.
   */
  public void setClock(Instant instant) {
    Duration offset = Duration.between(Instant.now(), instant);
    clockOffset = offset;
    for (String service : SERVICES) {
      moveClock(service, url(service), offset);
    }
    for (Replica replica : replicas) {
      moveClock(replica.service(), replica.url(), offset);
    }
  }

  private static void moveClock(String service, String url, Duration offset) {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(url + "/platform/clock"))
                .header("Authorization", "Bearer " + Tokens.forRole("admin"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"offset\":\"" + offset + "\"}"))
                .build());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          service + " refused to move its clock: " + answer.statusCode() + " " + answer.body());
    }
  }

  /** A second instance of a service: same database, topics and consumer group as the first. */
  public final class Replica implements AutoCloseable {
    private final String service;
    private final String url;
    private final Process process;

    private Replica(String service, String url, Process process) {
      this.service = service;
      this.url = url;
      this.process = process;
    }

    public String service() {
      return service;
    }

    public String url() {
      return url;
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    @Override
    public void close() {
      replicas.remove(this);
      stop(process);
    }
  }

  /**
   * Starts another replica of {@code service} (as Kubernetes would scale it out), waits until it is
   * ready and sets its clock to the suite's; close it at the end of the test, as it would keep
   * acting on the clock it had.
   */
  public Replica startReplica(String service) {
    int port = freePort();
    String name = service + "-replica-" + (replicas.size() + 2);
    Process process = spawn(service, databases.get(service), port, name);
    Replica replica = new Replica(service, "http://127.0.0.1:" + port, process);
    replicas.add(replica);
    long timeout = Long.getLong("e2e.start-timeout-seconds", 600);
    awaitReady(name, replica.url(), process, Instant.now().plusSeconds(timeout), timeout);
    moveClock(service, replica.url(), clockOffset);
    return replica;
  }

  private void launch() {
    Infra.ensureRunning();
    LocalKeys.ensure();
    Path home = SuiteSettings.home();
    for (String service : SERVICES) {
      Path jar = home.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            "no packaged "
                + service
                + " at "
                + jar
                + ": build through the reactor, e.g. ./mvnw -pl e2e-tests -am verify");
      }
    }
    assignPorts();
    List<Topics.Topic> fresh = new ArrayList<>();
    for (Topics.Topic declared : Topics.declared()) {
      String name = declared.name() + ".e2e" + suffix;
      topics.put(declared.name(), name);
      fresh.add(new Topics.Topic(name, declared.partitions(), declared.retentionMs()));
    }
    Topics.ensure(fresh);
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    // All five at once: their start-ups (Flyway, classifier training, index build) overlap.
    for (String service : SERVICES) {
      String database = service.replace("-service", "") + "_e2e_" + suffix;
      Databases.ensure(database);
      databases.put(service, database);
      processes.put(service, spawn(service, database, ports.get(service), service));
    }
    long timeout = Long.getLong("e2e.start-timeout-seconds", 600);
    Instant deadline = Instant.now().plusSeconds(timeout);
    for (String service : SERVICES) {
      awaitReady(service, url(service), processes.get(service), deadline, timeout);
    }
  }

  private void assignPorts() {
    Integer base = Integer.getInteger("e2e.port-base");
    for (int i = 0; i < SERVICES.size(); i++) {
      ports.put(SERVICES.get(i), base != null ? base + i : freePort());
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Process spawn(String service, String database, int port, String logName) {
    String pg = SuiteSettings.pgHost() + ":" + SuiteSettings.pgPort();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("quarkus.http.port", Integer.toString(port));
    config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + pg + "/" + database);
    config.put("quarkus.datasource.reactive.url", "postgresql://" + pg + "/" + database);
    config.put("quarkus.datasource.username", SuiteSettings.pgUser());
    config.put("quarkus.datasource.password", SuiteSettings.pgPassword());
    config.put("kafka.bootstrap.servers", SuiteSettings.kafkaBootstrap());
    // Processed offsets committed every 0.1 s (SmallRye's throttled strategy, default 5 s), so a
    // journey can tell when every service has taken in every event (QuietPipeline).
    config.put("mp.messaging.connector.smallrye-kafka.auto.commit.interval.ms", "100");
    // The commit runs on the polling thread, between polls: a shorter idle poll (default 1 s)
    // lets it run on time.
    config.put("mp.messaging.connector.smallrye-kafka.poll-timeout", "100");
    // Events leave each outbox within 0.1 s instead of at the relay's next 1 s poll: a journey
    // waits for every event after each step, and the day journey takes 121 steps.
    config.put("outbox.fast-poll", "100ms");
    config.put("quarkus.oidc.public-key", LocalKeys.publicKeyBase64());
    config.put("quarkus.oidc.token.issuer", SuiteSettings.LOCAL_ISSUER);
    topics.forEach((logical, physical) -> config.put("suite.topics." + logical, physical));
    config.put("platform.clock.movable", "true");
    // A replica or a restarted process starts on the suite's moved time, not the real one.
    config.put("platform.clock.offset", clockOffset.toString());
    // Five services migrating at once on a busy machine: wait for a connection rather than fail.
    config.put("quarkus.datasource.jdbc.acquisition-timeout", "PT60S");
    switch (service) {
      case "sla-service" -> {
        // A journey waits after each clock jump until the checker got there (its checked-until
        // gauge); nothing wakes the checker on a jump but its poll.
        config.put("sla.checker.interval", "200ms");
        // The day journey's clock jumps ten minutes a step: the spike window must be looked at
        // while the outbreak is in it.
        config.put("sla.spike.interval", "1s");
      }
      case "routing-service" -> config.put("routing.queue.interval", "1s");
      case "survey-service" -> {
        config.put("survey.sender.interval", "1s");
        config.put("survey.page.base-url", url(service));
      }
      case "knowledge-service" ->
          config.put(
              "knowledge.index.path",
              Path.of(
                      "target",
                      "e2e-knowledge-index-"
                          + suffix
                          // A replica keeps its own index (Lucene locks it); a restart reuses it.
                          + (logName.contains("-replica-") ? "-" + logName : ""))
                  .toAbsolutePath()
                  .toString());
      default -> {}
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + System.getProperty("e2e.service-heap", "384m"));
    command.add("-XX:+UseSerialGC");
    // Tests run briefly: the C1 compiler alone starts faster and leaves the two cores to others.
    command.add("-XX:TieredStopAtLevel=1");
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(
        SuiteSettings.home()
            .resolve(service)
            .resolve("target/quarkus-app/quarkus-run.jar")
            .toString());
    ProcessBuilder pb = new ProcessBuilder(command);
    // The "local" profile is the unprefixed configuration, as ./suite up runs it.
    pb.environment().put("QUARKUS_PROFILE", "local");
    pb.redirectErrorStream(true);
    pb.redirectOutput(logDir.resolve(logName + ".log").toFile());
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + service, e);
    }
  }

  private void awaitReady(
      String service, String url, Process process, Instant deadline, long timeout) {
    URI health = URI.create(url + "/q/health/ready");
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            service + " exited during start (" + process.exitValue() + "): " + logTail(service));
      }
      try {
        HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            service + " not ready within " + timeout + " s: " + logTail(service));
      }
      sleep(Duration.ofMillis(500));
    }
  }

  private String logTail(String service) {
    try {
      List<String> lines = Files.readAllLines(logDir.resolve(service + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the services (SIGTERM, then SIGKILL after 30 s), drops their databases and topics. */
  @Override
  public void close() {
    stopProcesses();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException alreadyRunningOrNotAdded) {
      // the JVM is shutting down, or start failed before the hook was added
    }
    if (Boolean.getBoolean("e2e.keep-databases")) {
      System.err.println("e2e: kept databases " + databases.values() + " (e2e.keep-databases)");
      return;
    }
    for (String database : databases.values()) {
      try {
        Databases.drop(database);
      } catch (RuntimeException e) {
        System.err.println("e2e: could not drop database " + database + ": " + e.getMessage());
      }
    }
    deleteTopics();
  }

  private synchronized void stopProcesses() {
    replicas.forEach(Replica::close);
    processes.values().forEach(Process::destroy);
    processes.values().forEach(ServiceProcesses::stop);
  }

  /** SIGTERM, then SIGKILL after 30 s. */
  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void deleteTopics() {
    if (topics.isEmpty() || !Infra.kafkaReachable()) {
      return;
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(props)) {
      admin.deleteTopics(topics.values()).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("e2e: could not delete topics " + topics.values() + ": " + e);
    }
  }
}
