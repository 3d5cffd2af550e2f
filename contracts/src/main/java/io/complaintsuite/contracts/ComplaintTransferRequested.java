package io.complaintsuite.contracts;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code complaint.transfer-requested} v1 on {@code complaints}: an agent asks for the complaint to
 * go elsewhere; routing-service decides where (and may refuse a transfer back). Schema: {@code
 * docs/events/complaint.transfer-requested.v1.json}.
 */
public record ComplaintTransferRequested(
    UUID complaintId,
    String number,
    String requestedBy,
    String reason,
    String suggestedDepartment,
    String currentDepartment,
    String currentAgent,
    OffsetDateTime requestedAt) {}
