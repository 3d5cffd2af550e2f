package io.complaintsuite.intake.complaint;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A reference to a file the channel keeps (a photo of the receipt, a recording...). */
@Entity
@Table(name = "attachment")
@IdClass(Attachment.Key.class)
public class Attachment extends PanacheEntityBase {
  @Id
  @Column(name = "complaint_id")
  public UUID complaintId;

  @Id public int position;

  public String name;

  @Column(name = "media_type")
  public String mediaType;

  @Column(name = "size_bytes")
  public long sizeBytes;

  public String url;

  /** Composite key: complaint and position. */
  public static class Key implements Serializable {
    public UUID complaintId;
    public int position;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.complaintId.equals(complaintId) && k.position == position;
    }

    @Override
    public int hashCode() {
      return complaintId.hashCode() * 31 + position;
    }
  }
}
