package io.complaintsuite.contracts.routing;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code assignment.transfer-refused} v1 on {@code assignments} (key: the complaint id): routing
 * kept the complaint where it is. Schema: docs/events/assignment.transfer-refused.v1.json.
 */
public record TransferRefused(
    UUID complaintId,
    String number,
    String requestedBy,
    String requestedDepartment,
    String currentDepartment,
    String currentAgent,
    List<String> departmentsSeen,
    int transferCount,
    String reason,
    OffsetDateTime refusedAt) {}
