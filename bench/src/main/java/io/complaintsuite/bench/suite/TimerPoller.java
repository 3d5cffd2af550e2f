package io.complaintsuite.bench.suite;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * sla-service publishes no event when it starts a complaint's timers, and its {@code sla_timer}
 * rows carry no creation time ({@code updated_at} moves with every later change). So the benchmark
 * asks sla-service's database every {@code intervalMillis} which of the complaints still waiting
 * have timer rows, and takes the time just before the query as the moment they were seen: a row
 * visible to that query committed before it started and after the previous query started, so the
 * figure is an upper bound, at most one interval (plus the query) late.
 */
final class TimerPoller implements AutoCloseable {
  private static final int MAX_IDS_PER_QUERY = 10_000;

  private final String jdbcUrl;
  private final String user;
  private final Ledger ledger;
  private final long intervalMillis;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile String lastError;

  TimerPoller(String jdbcUrl, String user, Ledger ledger, long intervalMillis) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.ledger = ledger;
    this.intervalMillis = intervalMillis;
    this.thread = new Thread(this::loop, "timer-poller");
    thread.setDaemon(true);
  }

  TimerPoller start() {
    thread.start();
    return this;
  }

  String lastError() {
    return lastError;
  }

  private void loop() {
    while (running) {
      try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
          PreparedStatement st =
              c.prepareStatement(
                  "select distinct complaint_id::text from sla_timer where complaint_id = any(?)")) {
        while (running) {
          long started = System.nanoTime();
          List<String> ids = ledger.awaitingTimer(MAX_IDS_PER_QUERY);
          if (!ids.isEmpty()) {
            Array array = c.createArrayOf("uuid", ids.toArray(new String[0]));
            st.setArray(1, array);
            long snapshot = System.nanoTime();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                ledger.timerSeen(rs.getString(1), snapshot);
              }
            }
            array.free();
          }
          long pause = intervalMillis - (System.nanoTime() - started) / 1_000_000;
          if (pause > 0) {
            Thread.sleep(pause);
          }
        }
      } catch (SQLException e) {
        lastError = e.getMessage();
        sleepQuietly(1_000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
