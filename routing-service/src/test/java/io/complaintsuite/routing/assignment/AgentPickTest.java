package io.complaintsuite.routing.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.complaintsuite.routing.analysis.RoutingInput;
import io.complaintsuite.routing.department.Agent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who in a department takes a complaint, without a database. The day journey found the triage desk
 * (service-desk, where low-confidence complaints go) holding delivery complaints in its queue for
 * three days: both its agents have skills, neither has "delivery", so nobody could ever take them.
 */
class AgentPickTest {
  private static final RoutingInput DELIVERY_BY_CHAT =
      new RoutingInput("包裹送到了但是外箱破了，里面东西少了一件", "web-chat", "C-1", null, null);

  private static Agent agent(String id, int open, int capacity, boolean onDuty, String... skills) {
    Agent a = new Agent();
    a.id = id;
    a.department = "service-desk";
    a.skills = List.of(skills);
    a.languages = List.of("zh");
    a.channels = List.of();
    a.capacity = capacity;
    a.openComplaints = open;
    a.onDuty = onDuty;
    return a;
  }

  @Test
  void aDepartmentWithNobodySkilledForTheTypeStillTakesIt() {
    Agent wu = agent("sd-wu", 2, 5, true, "service-attitude", "consultation");
    Agent xu = agent("sd-xu", 1, 5, false, "service-attitude", "consultation");
    AgentChoice choice =
        AgentPicker.pick(
            List.of(wu, xu), "service-desk", "delivery", DELIVERY_BY_CHAT, null, Set.of());
    assertEquals("sd-wu", choice.agent() == null ? null : choice.agent().id, choice.reason());
  }

  @Test
  void whereSomeoneHasTheSkillOnlyTheyTakeItEvenWhenTheyAreFull() {
    Agent wu = agent("sd-wu", 0, 5, true, "service-attitude");
    Agent yang = agent("lg-yang", 5, 5, true, "delivery");
    AgentChoice choice =
        AgentPicker.pick(
            List.of(wu, yang), "service-desk", "delivery", DELIVERY_BY_CHAT, null, Set.of());
    assertNull(choice.agent(), choice.reason());
  }

  @Test
  void aSkilledAgentOffDutyStillReservesTheType() {
    // The delivery specialist comes back tomorrow: the complaint waits for them.
    Agent wu = agent("sd-wu", 0, 5, true, "service-attitude");
    Agent yang = agent("lg-yang", 0, 5, false, "delivery");
    AgentChoice choice =
        AgentPicker.pick(
            List.of(wu, yang), "service-desk", "delivery", DELIVERY_BY_CHAT, null, Set.of());
    assertNull(choice.agent(), choice.reason());
  }
}
