package io.complaintsuite.contracts.sla;

import java.time.OffsetDateTime;

/**
 * {@code sla.threshold-crossed} and {@code sla.threshold-cleared} v1 on {@code sla-alerts} (key:
 * the KPI and scope): a KPI went past its threshold in {@code direction}, or came back. Schemas:
 * docs/events/sla.threshold-crossed.v1.json and sla.threshold-cleared.v1.json.
 */
public record ThresholdChanged(
    String kpi,
    String scope,
    double value,
    double threshold,
    String direction,
    Integer windowMinutes,
    OffsetDateTime crossedAt,
    OffsetDateTime occurredAt) {}
