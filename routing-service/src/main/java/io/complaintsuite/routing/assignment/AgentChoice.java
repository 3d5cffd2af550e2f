package io.complaintsuite.routing.assignment;

import io.complaintsuite.routing.department.Agent;

/** The agent chosen for a complaint (null: it waits in the department's queue) and why. */
public record AgentChoice(Agent agent, String reason) {
  public boolean queued() {
    return agent == null;
  }

  public String agentId() {
    return agent == null ? null : agent.id;
  }
}
