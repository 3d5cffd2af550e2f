package io.complaintsuite.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SuiteBenchTest {
  @Test
  void theSummaryShowsTheUsersArgumentsButNoToken() {
    String shown =
        SuiteBench.shownArguments(
            new String[] {
              "--intake", "http://127.0.0.1:8081",
              "--token", "eyJhbGciOi.secret.sig",
              "--process", "kafka=/x/kafka.pid",
              "--rate", "300",
              "--find-sustainable"
            });

    assertEquals("--rate 300 --find-sustainable", shown);
  }
}
