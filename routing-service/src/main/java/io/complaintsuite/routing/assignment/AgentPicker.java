package io.complaintsuite.routing.assignment;

import io.complaintsuite.routing.analysis.RoutingInput;
import io.complaintsuite.routing.department.Agent;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Who in a department takes a complaint, without I/O: the hot path, dry-runs, transfers,
 * escalations and the queue all choose with it. Sticky first (the agent of the customer's recent
 * complaint, if they can take this one), else the least loaded (open/capacity, then open count),
 * ties to the longest idle.
 */
public final class AgentPicker {
  private AgentPicker() {}

  /**
   * The best of {@code all} for the complaint, skipping {@code notAgain} (filled meanwhile, or the
   * agent it is moving away from); {@code recentAgent} may be null.
   */
  public static AgentChoice pick(
      List<Agent> all,
      String department,
      String problemType,
      RoutingInput input,
      String recentAgent,
      Set<String> notAgain) {
    String language = input.language();
    // A department where nobody has the skill (the triage desk, a type new to it) still answers:
    // else its complaints would wait for ever. Where someone has it, they take it.
    boolean skillRequired = all.stream().anyMatch(a -> a.isSkilledFor(problemType));
    List<Agent> eligible =
        all.stream()
            .filter(a -> !notAgain.contains(a.id))
            .filter(a -> a.canTake(problemType, input.channel(), language, skillRequired))
            .toList();
    if (eligible.isEmpty()) {
      long onDuty = all.stream().filter(a -> a.onDuty).count();
      return new AgentChoice(
          null,
          String.format(
              "queued in %s: none of its %d agents (%d on duty) has free capacity for %s in %s via %s%s",
              department,
              all.size(),
              onDuty,
              problemType,
              language,
              input.channel(),
              skillRequired ? "" : " (nobody there has the skill: any of them may take it)"));
    }
    if (recentAgent != null) {
      for (Agent a : eligible) {
        if (a.id.equals(recentAgent)) {
          return new AgentChoice(
              a,
              String.format(
                  "sticky: %s handled this customer's recent complaint and has capacity (%d/%d open)",
                  a.id, a.openComplaints, a.capacity));
        }
      }
    }
    Agent best =
        eligible.stream()
            .min(
                Comparator.<Agent>comparingDouble(
                        a -> (double) a.openComplaints / Math.max(1, a.capacity))
                    .thenComparingInt(a -> a.openComplaints)
                    .thenComparing(
                        a -> a.lastAssignedAt,
                        Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder())))
            .orElseThrow();
    return new AgentChoice(
        best,
        String.format(
            "least loaded of %d eligible agents%s: %s with %d/%d open, last assigned %s",
            eligible.size(),
            skillRequired
                ? ""
                : " (nobody in " + department + " has the skill " + problemType + ")",
            best.id,
            best.openComplaints,
            best.capacity,
            best.lastAssignedAt == null ? "never" : best.lastAssignedAt.toString()));
  }
}
