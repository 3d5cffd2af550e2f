package io.complaintsuite.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.e2e.DayPlan.Planned;
import io.complaintsuite.testsupport.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A working day at the service centre and the two days after it, on the five packaged services and
 * their shared moved clock (issue 17). 610 complaints arrive from all seven channels between 09:00
 * and 21:00 on Wednesday 30 Sep 2026 (the last working day before 国庆), in the shape of a real day,
 * 45 % of them without an urgency hint, with a broadband outbreak at 14:00 and repeat complainers.
 * Eleven agents work two shifts with capacities that make the morning peak queue; they respond, ask
 * for information, resolve, transfer, change grades; customers answer, reopen and fill in surveys;
 * supervisors lower grades and do the call-backs.
 *
 * <p>The test keeps its own {@link DayLedger} of everything it did and saw, and at the end asserts
 * from it: the deadlines on its own calendar model, the loads it expects, the alerts the late
 * complaints must have had, the KPIs, the daily report, the board, the incident. It runs first
 * among the journeys (@Order(1), junit-platform.properties) so that the seeded agents start empty.
 */
@ExtendWith(RunningSuite.class)
@Order(1)
class DayAtTheCentreTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aWorkingDayKeepsEveryPromise(ServiceProcesses suite) throws Exception {
    LocalDate day = DayPlan.DAY;
    try (TopicReader assignments = new TopicReader(suite.topic("assignments"));
        TopicReader notifications = new TopicReader(suite.topic("notifications"));
        DayLedger ledger = new DayLedger(suite, assignments, notifications)) {
      ledger.prepareCentre(DayPlan.at(day, 8, 50));
      List<Planned> plan = DayPlan.complaints();
      int next = 0;
      // The day: 09:00 to 21:00 in ten-minute steps, complaints as they arrive.
      for (Instant t = DayPlan.at(day, 9, 0); !t.isAfter(DayPlan.at(day, 21, 0)); ) {
        Instant stepEnd = t.plus(DayPlan.stepOf(t));
        ledger.step(t);
        while (next < plan.size() && plan.get(next).at.isBefore(stepEnd)) {
          ledger.post(plan.get(next++));
        }
        ledger.settle(t);
        if (t.equals(DayPlan.at(day, 20, 50))) {
          ledger.checkBoardAgainstApi();
        }
        t = stepEnd;
      }
      assertEquals(plan.size(), next, "every planned complaint was posted");
      ledger.checkBacklogAgainstKpis(DayPlan.at(day, 21, 0));
      // The two days after (holidays, but the centre is staffed): half-hour steps in office hours.
      for (int d = 1; d <= 2; d++) {
        LocalDate after = day.plusDays(d);
        for (Instant t = DayPlan.at(after, 9, 0);
            !t.isAfter(DayPlan.at(after, 20, 30));
            t = t.plus(Duration.ofMinutes(30))) {
          ledger.step(t);
          ledger.settle(t);
        }
      }
      // Everything resolved is closed by its agent; then the figures.
      Instant closing = DayPlan.at(day.plusDays(2), 20, 45);
      ledger.step(closing);
      ledger.closeAll(closing);
      ledger.settle(closing);
      DayReport report = ledger.verify(plan);
      String printed = report.print();
      System.out.println(printed);
      Path out = Path.of("target", "day-report.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, printed);
      assertTrue(report.failures().isEmpty(), String.join("\n", report.failures()));
    }
  }
}
