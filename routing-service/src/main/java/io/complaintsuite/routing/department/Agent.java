package io.complaintsuite.routing.department;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An agent: the problem types, languages and channels they take (empty: any), how many open
 * complaints they may hold, whether they are on duty, and their current load.
 */
@Entity
public class Agent extends PanacheEntityBase {
  @Id public String id;
  public String name;
  public String department;

  @Convert(converter = CommaSeparated.class)
  public List<String> skills;

  @Convert(converter = CommaSeparated.class)
  public List<String> languages;

  @Convert(converter = CommaSeparated.class)
  public List<String> channels;

  public int capacity;

  @Column(name = "on_duty")
  public boolean onDuty;

  @Column(name = "open_complaints")
  public int openComplaints;

  @Column(name = "last_assigned_at")
  public OffsetDateTime lastAssignedAt;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;

  /** The shift pattern as JSON ({@code capacity.Schedule}); null: the on-duty flag is manual. */
  public String schedule;

  /** What the schedule said when last applied (null: not yet): it changes onDuty at a boundary. */
  @Column(name = "scheduled_on_duty")
  public Boolean scheduledOnDuty;

  @Version public long version;

  /**
   * Can take it now; {@code skillRequired} false when nobody in the department has the skill (the
   * triage desk receives complaints of every type): then skills do not narrow the choice.
   */
  public boolean canTake(
      String problemType, String channel, String language, boolean skillRequired) {
    return onDuty
        && openComplaints < capacity
        && (!skillRequired || isSkilledFor(problemType))
        && (channels.isEmpty() || channels.contains(channel))
        && (languages.isEmpty() || languages.contains(language));
  }

  /** Has the skill for this type (an agent without listed skills takes every type). */
  public boolean isSkilledFor(String problemType) {
    return skills.isEmpty() || skills.contains(problemType);
  }
}
