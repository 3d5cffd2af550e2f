package io.complaintsuite.intake.security;

import static io.complaintsuite.intake.support.IntakeApi.accountStolen;
import static io.complaintsuite.intake.support.IntakeApi.act;
import static io.complaintsuite.intake.support.IntakeApi.as;
import static io.complaintsuite.intake.support.IntakeApi.asAgent;
import static io.complaintsuite.intake.support.IntakeApi.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.intake.support.IntakeApi;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 3: who may act on a work order. Every action × caller × the caller's relation to
 * the complaint, with the expected status written by hand below (not read from the code).
 *
 * <p>The work orders: ASSIGNED to agent bl-zhao in billing; QUEUED in billing (no agent yet);
 * UNASSIGNED (routing has not decided). The callers: bl-zhao (billing), bl-qian (billing), lg-wu
 * (logistics), an agent whose token has no department claim, a supervisor, an admin.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class WorkOrderPermissionsTest {
  enum WorkOrder {
    ASSIGNED,
    QUEUED,
    UNASSIGNED
  }

  /** The actions in the table's column order, with a valid body each. */
  static final List<String> ACTIONS =
      List.of(
          "respond",
          "reply",
          "notes",
          "priority",
          "transfer-request",
          "wait-for-customer",
          "resolve",
          "reopen",
          "close",
          "reclassify");

  static final Map<String, Object> BODIES =
      Map.of(
          "reply", Map.of("text", "您好，我们正在处理"),
          "notes", Map.of("text", "内部备注"),
          "priority", Map.of("priority", "low", "reason", "风险已解除"),
          "transfer-request", Map.of("reason", "属于物流问题", "suggestedDepartment", "logistics"),
          "wait-for-customer", Map.of("reason", "请提供截图"),
          "resolve", Map.of("summary", "已处理", "rootCause", "other"),
          "reopen", Map.of("reason", "客户回电表示未解决"),
          "reclassify", Map.of("problemType", "privacy-leak", "reason", "客户说的是信息泄露"));

  record Row(String caller, WorkOrder workOrder, String relation, int[] expected) {}

  private static Row row(String caller, WorkOrder workOrder, String relation, String statuses) {
    int[] expected =
        java.util.Arrays.stream(statuses.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
    return new Row(caller, workOrder, relation, expected);
  }

  /**
   * The expected status of each action, by hand. Columns:
   *
   * <pre>
   * respond reply notes priority transfer-request wait-for-customer resolve reopen close reclassify
   * </pre>
   */
  static final List<Row> TABLE =
      List.of(
          row(
              "bl-zhao",
              WorkOrder.ASSIGNED,
              "assigned to the caller",
              "200 200 200 200 200 200 200 200 200 200"),
          row(
              "bl-qian",
              WorkOrder.QUEUED,
              "queued in the caller's department",
              "200 200 200 200 200 200 200 200 200 200"),
          row(
              "bl-qian",
              WorkOrder.ASSIGNED,
              "same department, assigned to someone else",
              "403 403 403 403 403 403 403 403 403 403"),
          row(
              "lg-wu",
              WorkOrder.ASSIGNED,
              "other department, assigned",
              "403 403 403 403 403 403 403 403 403 403"),
          row(
              "lg-wu",
              WorkOrder.QUEUED,
              "other department, queued",
              "403 403 403 403 403 403 403 403 403 403"),
          row(
              "no-dept",
              WorkOrder.QUEUED,
              "agent without a department claim, queued",
              "403 403 403 403 403 403 403 403 403 403"),
          row(
              "bl-zhao",
              WorkOrder.UNASSIGNED,
              "agent, not yet assigned",
              "403 403 403 403 403 403 403 403 403 403"),
          row(
              "supervisor",
              WorkOrder.ASSIGNED,
              "supervisor, assigned to another",
              "200 200 200 200 200 200 200 200 200 200"),
          row(
              "supervisor",
              WorkOrder.QUEUED,
              "supervisor, queued",
              "200 200 200 200 200 200 200 200 200 200"),
          row(
              "supervisor",
              WorkOrder.UNASSIGNED,
              "supervisor, not yet assigned",
              "200 200 200 200 200 200 200 200 200 200"),
          row(
              "admin",
              WorkOrder.ASSIGNED,
              "admin, assigned to another",
              "200 200 200 200 200 200 200 200 200 200"),
          row(
              "admin",
              WorkOrder.QUEUED,
              "admin, queued",
              "200 200 200 200 200 200 200 200 200 200"),
          row(
              "admin",
              WorkOrder.UNASSIGNED,
              "admin, not yet assigned",
              "200 200 200 200 200 200 200 200 200 200"),
          row(
              "channel",
              WorkOrder.ASSIGNED,
              "a channel (role refused)",
              "403 403 403 403 403 403 403 403 403 403"),
          row(
              "kb-editor",
              WorkOrder.QUEUED,
              "a knowledge editor (role refused)",
              "403 403 403 403 403 403 403 403 403 403"));

  /** The 403 detail for a refused agent, by hand; {n} is the complaint's number. */
  static final Map<String, String> REASONS =
      Map.of(
          "same department, assigned to someone else",
              "{n} is assigned to agent bl-zhao, not to you",
          "other department, assigned", "{n} is assigned to agent bl-zhao, not to you",
          "other department, queued", "{n} is queued in billing; you are in logistics",
          "agent without a department claim, queued",
              "{n} is queued in billing; your token names no department (claim \"department\")",
          "agent, not yet assigned",
              "{n} is not yet assigned: only supervisors and admins may act");

  private static final Map<String, Supplier<RequestSpecification>> CALLERS =
      Map.of(
          "bl-zhao", () -> asAgent("bl-zhao", "billing"),
          "bl-qian", () -> asAgent("bl-qian", "billing"),
          "lg-wu", () -> asAgent("lg-wu", "logistics"),
          "no-dept", () -> as("agent"),
          "supervisor", () -> as("supervisor"),
          "admin", () -> as("admin"),
          "channel", () -> as("channel"),
          "kb-editor", () -> as("kb-editor"));

  /** A fresh work order in the state the action needs (set up by a supervisor), then routed. */
  private static String workOrder(WorkOrder kind, String action, List<String[]> routing) {
    String id = receive(accountStolen());
    if (List.of("wait-for-customer", "resolve", "reopen", "close").contains(action)) {
      act("supervisor", id, "respond", null).then().statusCode(200);
    }
    if (List.of("reopen", "close").contains(action)) {
      act("supervisor", id, "resolve", BODIES.get("resolve")).then().statusCode(200);
    }
    switch (kind) {
      case ASSIGNED -> routing.add(new String[] {id, "billing", "bl-zhao"});
      case QUEUED -> routing.add(new String[] {id, "billing", null});
      case UNASSIGNED -> {}
    }
    return id;
  }

  @Test
  void everyActionIsAllowedToTheAssignedAgentTheQueuedDepartmentSupervisorsAndAdminsOnly() {
    record Cell(Row row, String action, int expected, String id) {}
    List<Cell> cells = new ArrayList<>();
    List<String[]> routing = new ArrayList<>();
    for (Row row : TABLE) {
      assertEquals(ACTIONS.size(), row.expected().length, row.relation());
      for (int i = 0; i < ACTIONS.size(); i++) {
        String action = ACTIONS.get(i);
        cells.add(
            new Cell(row, action, row.expected()[i], workOrder(row.workOrder(), action, routing)));
      }
    }
    try (TopicWriter writer = new TopicWriter()) {
      for (String[] r : routing) {
        IntakeApi.publishAssignment(writer, r[0], r[1], r[2]);
      }
    }
    for (String[] r : routing) {
      IntakeApi.awaitAssigned(r[0], r[1], r[2]);
    }

    List<String> wrong = new ArrayList<>();
    Map<String, Integer> counted = new LinkedHashMap<>();
    for (Cell cell : cells) {
      Map<String, Object> before =
          as("supervisor").get("/api/v1/complaints/" + cell.id()).then().extract().path("");
      Response response =
          act(
              CALLERS.get(cell.row().caller()).get(),
              cell.id(),
              cell.action(),
              BODIES.get(cell.action()));
      counted.merge(cell.expected() + "", 1, Integer::sum);
      String where =
          cell.action() + " by " + cell.row().caller() + " (" + cell.row().relation() + ")";
      if (response.statusCode() != cell.expected()) {
        wrong.add(
            where
                + ": "
                + response.statusCode()
                + ", expected "
                + cell.expected()
                + " "
                + response.asString());
        continue;
      }
      if (cell.expected() == 403) {
        Map<String, Object> after =
            as("supervisor").get("/api/v1/complaints/" + cell.id()).then().extract().path("");
        if (!before.get("version").equals(after.get("version"))) {
          wrong.add(where + ": refused, yet the work order changed");
        }
        String reason = REASONS.get(cell.row().relation());
        if (reason != null) {
          String expected = reason.replace("{n}", (String) before.get("number"));
          if (!response.contentType().startsWith("application/problem+json")
              || !expected.equals(response.path("detail"))
              || !Integer.valueOf(403).equals(response.path("status"))) {
            wrong.add(
                where
                    + ": expected problem+json naming \""
                    + expected
                    + "\", got "
                    + response.contentType()
                    + " "
                    + response.asString());
          }
        }
      }
    }
    System.out.printf("work-order permissions: %d cells %s%n", cells.size(), counted);
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void theActionIsRecordedAsTheAgentWhoActed() {
    String id = receive(accountStolen());
    IntakeApi.assign(id, "billing", "bl-zhao");
    asAgent("bl-zhao", "billing")
        .body(Map.of("text", "已核实"))
        .post("/api/v1/complaints/" + id + "/actions/notes")
        .then()
        .statusCode(200);
    List<Map<String, Object>> timeline =
        as("supervisor").get("/api/v1/complaints/" + id + "/timeline").then().extract().path("");
    Map<String, Object> note = timeline.get(timeline.size() - 1);
    assertEquals("internal-note", note.get("kind"));
    assertEquals("bl-zhao", note.get("actor"));
    assertEquals("agent", note.get("actorRole"));
  }
}
