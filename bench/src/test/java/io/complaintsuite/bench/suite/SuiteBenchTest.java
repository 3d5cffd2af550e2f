package io.complaintsuite.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SuiteBenchTest {
  @Test
  void theSummaryShowsTheUsersArgumentsButNoToken() {
    String shown =
        SuiteBenchOptions.shownArguments(
            new String[] {
              "--intake", "http://127.0.0.1:8081",
              "--token", "eyJhbGciOi.secret.sig",
              "--process", "kafka=/x/kafka.pid",
              "--rate", "300",
              "--find-sustainable"
            });

    assertEquals("--rate 300 --find-sustainable", shown);
  }

  @Test
  void aFewLateSendsDoNotDisqualifyAStepButManyDo() {
    Phase step = new Phase();
    step.sent = 1_500;
    step.behind = 1;
    assertTrue(step.generatorOnTime(), "1 of 1,500 sends late");
    step.behind = 2;
    assertFalse(step.generatorOnTime(), "2 of 1,500 sends late is above 0.1 %");
    step.sent = 30_000;
    step.behind = 30;
    assertTrue(step.generatorOnTime(), "30 of 30,000");
  }
}
