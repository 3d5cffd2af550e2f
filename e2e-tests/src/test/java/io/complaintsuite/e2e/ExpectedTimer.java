package io.complaintsuite.e2e;

import java.time.Duration;
import java.time.Instant;

/**
 * The day journey's expectation of one SLA timer, kept from what the test itself did: started on a
 * policy, paused while the complaint waited for the customer, resumed by the customer's answer,
 * moved to another grade's policy. The deadline is the working time left counted on the test's own
 * {@link CentreCalendar}. The policy table is written by hand in the test (the seeded policies of
 * docs/sla-service.md), not read from sla-service.
 */
final class ExpectedTimer {
  /** A grade's policy for one timer: target and calendar. */
  record Policy(int minutes, String calendar) {
    Duration target() {
      return Duration.ofMinutes(minutes);
    }
  }

  private Policy policy;
  private Duration consumed = Duration.ZERO;
  private Instant resumedAt;
  private Instant deadline;
  private Instant warnAt;

  /** sla.warning-share of the seeded configuration: the warning at 80 % of the target. */
  static final double WARNING_SHARE = 0.8;

  ExpectedTimer(Policy policy, Instant startedAt) {
    this.policy = policy;
    resume(startedAt);
  }

  Instant deadline() {
    return deadline;
  }

  /** When the warning falls due: 80 % of the target's working time used. */
  Instant warnAt() {
    return warnAt;
  }

  Policy policy() {
    return policy;
  }

  boolean paused() {
    return resumedAt == null;
  }

  void pause(Instant at) {
    if (resumedAt == null) {
      return;
    }
    consumed = consumed.plus(CentreCalendar.named(policy.calendar()).workingTime(resumedAt, at));
    resumedAt = null;
  }

  void resume(Instant at) {
    resumedAt = at;
    Duration left = policy.target().minus(consumed);
    deadline =
        CentreCalendar.named(policy.calendar())
            .deadline(at, left.isNegative() ? Duration.ZERO : left);
    Duration warnLeft =
        Duration.ofMillis((long) (policy.target().toMillis() * WARNING_SHARE)).minus(consumed);
    warnAt =
        CentreCalendar.named(policy.calendar())
            .deadline(at, warnLeft.isNegative() ? Duration.ZERO : warnLeft);
  }

  /** A new cycle (the complaint was reopened): the full target again from {@code at}. */
  void restart(Instant at) {
    consumed = Duration.ZERO;
    resume(at);
  }

  /**
   * The grade changed at {@code at}: the timer moves to the new policy with the working time used
   * so far kept, unless that would end later than the deadline promised so far (issue 17: a lowered
   * grade never lengthens a promise); then it keeps its policy and deadline. A paused timer's two
   * ends are compared as if it resumed at {@code at}.
   */
  void regrade(Instant at, Policy to) {
    Duration used = consumed;
    if (resumedAt != null) {
      used = used.plus(CentreCalendar.named(policy.calendar()).workingTime(resumedAt, at));
    }
    Instant promised =
        resumedAt != null
            ? deadline
            : CentreCalendar.named(policy.calendar()).deadline(at, left(policy, used));
    Instant candidate = CentreCalendar.named(to.calendar()).deadline(at, left(to, used));
    if (candidate.isAfter(promised)) {
      return;
    }
    boolean running = resumedAt != null;
    consumed = used;
    policy = to;
    if (running) {
      resume(at);
    }
  }

  private static Duration left(Policy p, Duration used) {
    Duration left = p.target().minus(used);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
