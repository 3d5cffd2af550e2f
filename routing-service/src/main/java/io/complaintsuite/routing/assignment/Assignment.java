package io.complaintsuite.routing.assignment;

import io.complaintsuite.routing.department.CommaSeparated;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A complaint's current assignment and the explanation of how it was decided. */
@Entity
public class Assignment extends PanacheEntityBase {
  public static final String ASSIGNED = "assigned";
  public static final String QUEUED = "queued";
  public static final String OPEN = "open";
  public static final String RESOLVED = "resolved";
  public static final String CLOSED = "closed";

  @Id
  @Column(name = "complaint_id")
  public UUID complaintId;

  public String number;

  @Column(name = "customer_id")
  public String customerId;

  public String channel;
  public String text;
  public String department;

  @Column(name = "agent_id")
  public String agentId;

  public String status;

  @Column(name = "problem_type")
  public String problemType;

  public String priority;
  public boolean risk;

  /** JSON of the last {@code assignment.created} data: the decision with its explanation. */
  public String explanation;

  @Column(name = "rule_set_version")
  public int ruleSetVersion;

  @Column(name = "transfer_count")
  public int transferCount;

  @Convert(converter = CommaSeparated.class)
  @Column(name = "departments_seen")
  public List<String> departmentsSeen;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;

  /** 0: none; 1: a deadline was breached (supervisor); 2 and up: the escalation ladder. */
  @Column(name = "escalation_level")
  public int escalationLevel;

  @Column(name = "escalated_at")
  public OffsetDateTime escalatedAt;

  /** open, resolved or closed: where intake says the complaint is (a reopen makes it open). */
  public String lifecycle = OPEN;

  /** Whether this assignment counts in its agent's load now (released once, then false). */
  @Column(name = "load_held")
  public boolean loadHeld;

  @Version public long version;
}
