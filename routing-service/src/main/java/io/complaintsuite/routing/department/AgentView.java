package io.complaintsuite.routing.department;

import java.time.OffsetDateTime;
import java.util.List;

/** An agent as the admin API shows and accepts it. */
public record AgentView(
    String id,
    String name,
    String department,
    List<String> skills,
    List<String> languages,
    List<String> channels,
    Integer capacity,
    Boolean onDuty,
    Integer openComplaints,
    OffsetDateTime lastAssignedAt) {

  static AgentView of(Agent a) {
    return new AgentView(
        a.id,
        a.name,
        a.department,
        a.skills,
        a.languages,
        a.channels,
        a.capacity,
        a.onDuty,
        a.openComplaints,
        a.lastAssignedAt);
  }
}
