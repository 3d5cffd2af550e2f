package io.complaintsuite.sla.incident;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Queries shared by the detector and the API. */
final class Incidents {
  /** The contract's limit on complaintIds in sla.incident-updated. */
  static final int MAX_MEMBERS = 10_000;

  private Incidents() {}

  static Uni<List<UUID>> memberIds(Mutiny.Session s, UUID incidentId) {
    return s.createNativeQuery(
            "select complaint_id from sla_incident_member where incident_id = ?1"
                + " order by joined_at, complaint_id limit "
                + MAX_MEMBERS,
            UUID.class)
        .setParameter(1, incidentId)
        .getResultList();
  }

  static Uni<Long> memberCount(Mutiny.Session s, UUID incidentId) {
    return s.createNativeQuery(
            "select count(*) from sla_incident_member where incident_id = ?1", Long.class)
        .setParameter(1, incidentId)
        .getSingleResult();
  }
}
