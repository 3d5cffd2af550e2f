package io.complaintsuite.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.knowledge.ArticleArchived;
import io.complaintsuite.contracts.knowledge.ArticlePublished;
import io.complaintsuite.contracts.knowledge.KnowledgeSuggested;
import io.complaintsuite.contracts.routing.AssignmentCreated;
import io.complaintsuite.contracts.routing.AssignmentEscalated;
import io.complaintsuite.contracts.routing.AssignmentReclassified;
import io.complaintsuite.contracts.routing.TransferRefused;
import io.complaintsuite.contracts.sla.CallbackOverdue;
import io.complaintsuite.contracts.sla.IncidentDetected;
import io.complaintsuite.contracts.sla.IncidentUpdated;
import io.complaintsuite.contracts.sla.SlaAlertRaised;
import io.complaintsuite.contracts.sla.ThresholdChanged;
import io.complaintsuite.contracts.survey.CallbackCompleted;
import io.complaintsuite.contracts.survey.CallbackOpened;
import io.complaintsuite.contracts.survey.NotificationRequested;
import io.complaintsuite.contracts.survey.SurveyAnswered;
import io.complaintsuite.contracts.survey.SurveySent;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each event type's record in contracts and its JSON Schema under docs/events name the same fields,
 * and every field the schema requires is one the record writes, at every level where the record
 * nests another record. Which record carries which type is written here by hand, so a type
 * published without a record, or a record that drifted from its documented contract, fails.
 */
class EventRecordsMatchSchemasTest {
  private static final Path EVENTS =
      Path.of(System.getProperty("suite.home", "..")).resolve("docs/events");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<EventType, Class<? extends Record>> RECORDS = new LinkedHashMap<>();

  static {
    RECORDS.put(EventType.COMPLAINT_RECEIVED, ComplaintReceived.class);
    RECORDS.put(EventType.COMPLAINT_TRANSFER_REQUESTED, ComplaintTransferRequested.class);
    RECORDS.put(EventType.COMPLAINT_MESSAGE_ADDED, ComplaintLifecycle.MessageAdded.class);
    RECORDS.put(EventType.COMPLAINT_RESPONDED, ComplaintLifecycle.Responded.class);
    RECORDS.put(EventType.COMPLAINT_PRIORITY_CHANGED, ComplaintLifecycle.PriorityChanged.class);
    RECORDS.put(
        EventType.COMPLAINT_WAITING_FOR_CUSTOMER, ComplaintLifecycle.WaitingForCustomer.class);
    RECORDS.put(EventType.COMPLAINT_RESOLVED, ComplaintLifecycle.Resolved.class);
    RECORDS.put(EventType.COMPLAINT_REOPENED, ComplaintLifecycle.Reopened.class);
    RECORDS.put(EventType.COMPLAINT_CLOSED, ComplaintLifecycle.Closed.class);
    RECORDS.put(
        EventType.CHANNEL_CONNECTION_HEALTH,
        io.complaintsuite.contracts.channel.ConnectionHealth.class);
    RECORDS.put(EventType.ASSIGNMENT_CREATED, AssignmentCreated.class);
    RECORDS.put(EventType.ASSIGNMENT_TRANSFER_REFUSED, TransferRefused.class);
    RECORDS.put(EventType.ASSIGNMENT_ESCALATED, AssignmentEscalated.class);
    RECORDS.put(EventType.ASSIGNMENT_RECLASSIFIED, AssignmentReclassified.class);
    RECORDS.put(EventType.COMPLAINT_RECLASSIFIED, ComplaintLifecycle.Reclassified.class);
    RECORDS.put(EventType.SLA_WARNING, SlaAlertRaised.class);
    RECORDS.put(EventType.SLA_BREACHED, SlaAlertRaised.class);
    RECORDS.put(EventType.SLA_ESCALATED, SlaAlertRaised.class);
    RECORDS.put(EventType.SLA_INCIDENT_DETECTED, IncidentDetected.class);
    RECORDS.put(EventType.SLA_INCIDENT_UPDATED, IncidentUpdated.class);
    RECORDS.put(EventType.SLA_THRESHOLD_CROSSED, ThresholdChanged.class);
    RECORDS.put(EventType.SLA_THRESHOLD_CLEARED, ThresholdChanged.class);
    RECORDS.put(EventType.SLA_CALLBACK_OVERDUE, CallbackOverdue.class);
    RECORDS.put(EventType.KNOWLEDGE_ARTICLE_PUBLISHED, ArticlePublished.class);
    RECORDS.put(EventType.KNOWLEDGE_ARTICLE_ARCHIVED, ArticleArchived.class);
    RECORDS.put(EventType.KNOWLEDGE_SUGGESTED, KnowledgeSuggested.class);
    RECORDS.put(EventType.SURVEY_ANSWERED, SurveyAnswered.class);
    RECORDS.put(EventType.SURVEY_SENT, SurveySent.class);
    RECORDS.put(EventType.SURVEY_CALLBACK_OPENED, CallbackOpened.class);
    RECORDS.put(EventType.SURVEY_CALLBACK_COMPLETED, CallbackCompleted.class);
    RECORDS.put(EventType.NOTIFICATION_REQUESTED, NotificationRequested.class);
  }

  @Test
  void everyEventTypeHasARecord() {
    Set<String> missing = new TreeSet<>();
    for (EventType type : EventType.ALL) {
      if (!RECORDS.containsKey(type)) {
        missing.add(type.name());
      }
    }
    assertEquals(Set.of(), missing, "event types without a record in contracts");
  }

  @TestFactory
  Stream<DynamicTest> eachRecordNamesItsSchemasFields() {
    return RECORDS.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey().name() + " = " + e.getValue().getSimpleName(),
                    () -> {
                      String file = e.getKey().name() + ".v" + e.getKey().version() + ".json";
                      JsonNode schema = schema(file);
                      List<String> problems = new java.util.ArrayList<>();
                      compare(file, schema, e.getValue(), problems);
                      assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
                    }));
  }

  /** Compares one object level; descends where the record nests a record (or a list of them). */
  private static void compare(String where, JsonNode schema, Class<?> type, List<String> problems) {
    Map<String, RecordComponent> components = new LinkedHashMap<>();
    Arrays.stream(type.getRecordComponents()).forEach(c -> components.put(c.getName(), c));
    Set<String> properties = new HashSet<>();
    schema.path("properties").fieldNames().forEachRemaining(properties::add);
    if (!properties.equals(components.keySet())) {
      Set<String> onlySchema = new TreeSet<>(properties);
      onlySchema.removeAll(components.keySet());
      Set<String> onlyRecord = new TreeSet<>(components.keySet());
      onlyRecord.removeAll(properties);
      problems.add(
          where
              + " vs "
              + type.getSimpleName()
              + ": only in the schema "
              + onlySchema
              + ", only in the record "
              + onlyRecord);
    }
    schema
        .path("required")
        .forEach(
            r -> {
              if (!components.containsKey(r.asText())) {
                problems.add(where + " requires " + r.asText() + ", which the record lacks");
              }
            });
    for (RecordComponent c : components.values()) {
      JsonNode property = schema.path("properties").path(c.getName());
      Class<?> nested = nestedRecord(c.getGenericType());
      if (nested == null || property.isMissingNode()) {
        continue;
      }
      JsonNode object =
          property.has("items") && !property.has("properties") ? property.get("items") : property;
      if (object.has("properties")) {
        compare(where + "/" + c.getName(), object, nested, problems);
      }
    }
  }

  /** The record a component holds, directly or as the elements of a list; else null. */
  private static Class<?> nestedRecord(Type type) {
    if (type instanceof Class<?> c && c.isRecord()) {
      return c;
    }
    if (type instanceof ParameterizedType p
        && p.getRawType() == List.class
        && p.getActualTypeArguments()[0] instanceof Class<?> element
        && element.isRecord()) {
      return element;
    }
    return null;
  }

  private static JsonNode schema(String file) throws IOException {
    return JSON.readTree(EVENTS.resolve(file).toFile());
  }
}
