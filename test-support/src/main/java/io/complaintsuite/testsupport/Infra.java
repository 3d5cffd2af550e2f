package io.complaintsuite.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts and stops the suite's real PostgreSQL and Kafka through the project's own script. */
public final class Infra {
  private Infra() {}

  /** Starts whatever of PostgreSQL and Kafka is not running yet; reuses what runs. */
  public static synchronized void ensureRunning() {
    if (!reachable(SuiteSettings.pgHost(), SuiteSettings.pgPort()) || !kafkaReachable()) {
      suite("infra");
    }
  }

  public static void stopKafka() {
    suite("kafka-down");
  }

  public static void startKafka() {
    suite("kafka-up");
  }

  /** Stops the suite's PostgreSQL (fast shutdown: open connections are cut). */
  public static void stopPostgres() {
    suite("pg-down");
  }

  public static void startPostgres() {
    suite("pg-up");
  }

  public static boolean postgresReachable() {
    return reachable(SuiteSettings.pgHost(), SuiteSettings.pgPort());
  }

  public static boolean kafkaReachable() {
    String[] hostPort = SuiteSettings.kafkaBootstrap().split(",")[0].split(":");
    return reachable(hostPort[0], Integer.parseInt(hostPort[1]));
  }

  static boolean reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void suite(String command) {
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of("bash", SuiteSettings.home().resolve("suite").toString(), command));
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("SUITE_STATE_DIR", SuiteSettings.state().toString());
    try {
      Process process = pb.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("./suite " + command + " did not finish in 5 minutes");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "./suite " + command + " failed with exit code " + process.exitValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run ./suite " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
