package io.complaintsuite.sla.board;

import io.complaintsuite.sla.alert.AlertResource.AlertView;
import io.complaintsuite.sla.kpi.KpiResource;
import io.complaintsuite.sla.kpi.KpiResource.Kpis;
import io.complaintsuite.sla.settings.SlaSettings;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the board shows, read in one go. The KPIs come from {@link KpiResource} itself (the
 * same computation as {@code GET /api/v1/kpis}, so the board and the API never disagree): today so
 * far against the same part of the day a week ago, days in {@code sla.kpi.zone}.
 */
@ApplicationScoped
public class BoardState {
  public record Board(
      OffsetDateTime now,
      String zone,
      Kpis today,
      Kpis lastWeek,
      List<Backlog> backlog,
      long unacknowledgedAlerts,
      List<AlertView> alerts,
      List<IncidentCard> incidents,
      List<RiskCase> riskCases,
      List<Callback> callbacks,
      List<Threshold> thresholds,
      String complaintUrl,
      long promisesAtRiskCount,
      List<PromiseAtRisk> promisesAtRisk,
      List<ChannelConnection> channelConnections) {}

  /**
   * A channel connection needing attention (渠道连接异常): intake-service cannot deliver customers'
   * messages to it (failing: its circuit is open; disabled: it answered 410 or an admin disabled
   * it), or messages to it died undelivered ({@code deadDeliveries} &gt; 0), as of its latest
   * {@code channel.connection-health}. {@code since}: when it entered {@code state}.
   */
  public record ChannelConnection(
      UUID endpointId,
      String name,
      String channel,
      String state,
      int pendingDeliveries,
      int deadDeliveries,
      String lastError,
      OffsetDateTime since) {}

  /**
   * An open complaint whose customer expects the resolution before the policy's resolution deadline
   * ("promise at risk"): the deadline stays the target, the agent sees the wish here.
   */
  public record PromiseAtRisk(
      UUID complaintId,
      String number,
      String priority,
      String department,
      String agent,
      OffsetDateTime expectedResolutionAt,
      OffsetDateTime deadlineAt) {}

  /** Open complaints of one department and agent (null: queued), and how many are overdue. */
  public record Backlog(String department, String agent, long open, long overdue) {}

  public record IncidentCard(
      UUID id,
      String problemType,
      String title,
      String status,
      OffsetDateTime detectedAt,
      int peakCount,
      OffsetDateTime subsidedAt,
      long memberCount,
      List<ComplaintRef> complaints,
      List<Update> updates) {}

  public record ComplaintRef(UUID id, String number, String status) {}

  public record Update(String status, String message, String postedBy, OffsetDateTime postedAt) {}

  public record RiskCase(
      UUID complaintId,
      String number,
      String department,
      List<String> categories,
      List<String> terms,
      List<String> alsoRoutedTo,
      OffsetDateTime flaggedAt,
      String status) {}

  public record Callback(
      UUID callbackId,
      UUID complaintId,
      String number,
      List<String> reasons,
      String department,
      String agent,
      OffsetDateTime dueAt,
      boolean overdue) {}

  public record Threshold(
      String kpi, String scope, double value, double threshold, OffsetDateTime crossedAt) {}

  // Like the threshold watcher's backlog: every complaint still open now, whenever received.
  static final String BACKLOG =
      """
      select coalesce(c.department, 'unassigned') as department, c.agent, count(*) as open,
        count(*) filter (where exists (select 1 from sla_timer t where t.complaint_id =
          c.complaint_id and t.state = 'running' and t.deadline_at <= $1)) as overdue
      from sla_complaint c where c.resolved_at is null and c.closed_at is null
      group by 1, 2 order by 1, 2 nulls first
      """;

  static final String ALERTS =
      """
      select id, kind, complaint_id, number, timer_kind, priority, policy_version, level,
        recipient_role, recipient, department, deadline_at, due_at, raised_at, acknowledged_by,
        acknowledged_at, callback_id, count(*) over () as total
      from sla_alert where acknowledged_at is null order by raised_at desc, id limit $1
      """;

  static final String INCIDENTS =
      """
      select i.id, i.problem_type, i.title, i.status, i.detected_at, i.peak_count, i.subsided_at,
        (select count(*) from sla_incident_member m where m.incident_id = i.id) as members
      from sla_incident i where i.status <> 'resolved' order by i.detected_at desc limit 20
      """;

  static final String STATUS =
      """
      case when c.complaint_id is null then 'unknown' when c.closed_at is not null then 'closed'
        when c.resolved_at is not null then 'resolved'
        when c.responded_at is not null then 'in-progress' else 'received' end""";

  // The first 50 members of each incident: enough to open them from the board.
  static final String MEMBERS =
      """
      select inc.id as incident_id, m.complaint_id, m.number, m.status
      from unnest($1::uuid[]) as inc(id) cross join lateral (
        select m.complaint_id, c.number, """
          + STATUS
          + """
       as status
        from sla_incident_member m left join sla_complaint c on c.complaint_id = m.complaint_id
        where m.incident_id = inc.id order by m.joined_at, m.complaint_id limit 50) m
      """;

  static final String UPDATES =
      """
      select incident_id, status, message, posted_by, posted_at from sla_incident_update
      where incident_id = any($1) order by posted_at desc, seq desc
      """;

  // Open risk cases (and those whose complaint this service has not seen yet), newest first.
  static final String RISK =
      """
      select r.complaint_id, coalesce(r.number, c.number) as number,
        coalesce(c.department, r.department) as department, r.categories, r.terms,
        r.also_routed_to, r.flagged_at, """
          + STATUS
          + """
       as status
      from board_risk_case r left join sla_complaint c on c.complaint_id = r.complaint_id
      where c.complaint_id is null or (c.resolved_at is null and c.closed_at is null)
      order by r.flagged_at desc limit 100
      """;

  static final String CALLBACKS =
      """
      select b.callback_id, b.complaint_id, coalesce(b.number, c.number) as number, b.reasons,
        coalesce(b.department, c.department) as department, b.agent, b.due_at
      from board_callback b left join sla_complaint c on c.complaint_id = b.complaint_id
      where b.completed_at is null order by b.due_at, b.callback_id limit 100
      """;

  // Open complaints whose resolution deadline is later than the customer's expected time.
  static final String PROMISES =
      """
      select c.complaint_id, c.number, c.priority, c.department, c.agent,
        c.expected_resolution_at, t.deadline_at, count(*) over () as total
      from sla_complaint c join sla_timer t on t.complaint_id = c.complaint_id
        and t.kind = 'resolution'
      where c.expected_resolution_at is not null and c.resolved_at is null
        and c.closed_at is null and t.state in ('running', 'paused')
        and t.deadline_at > c.expected_resolution_at
      order by c.expected_resolution_at, c.complaint_id limit 100
      """;

  // Healthy ones with nothing dead drop off. Disabled first (nothing reaches them), then failing,
  // then the dead deliveries of healthy ones; the longest in that state first.
  static final String CHANNEL_CONNECTIONS =
      """
      select endpoint_id, name, channel, state, pending, dead, last_error, since
      from board_channel_connection where state <> 'healthy' or dead > 0
      order by case state when 'disabled' then 0 when 'failing' then 1 else 2 end, since,
        endpoint_id
      limit 100
      """;

  static final String THRESHOLDS =
      "select kpi, scope, value, threshold, crossed_at from sla_threshold_state order by 1, 2";

  private final Pool pool;
  private final KpiResource kpis;
  private final Clock clock;
  private final ZoneId zone;
  private final int alertLimit;
  private final String complaintUrl;

  public BoardState(Pool pool, KpiResource kpis, Clock clock, SlaSettings settings) {
    this.pool = pool;
    this.kpis = kpis;
    this.clock = clock;
    this.zone = settings.kpi().zone();
    this.alertLimit = settings.board().alertLimit();
    this.complaintUrl = settings.board().complaintUrl();
  }

  public Uni<Board> read() {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    OffsetDateTime midnight =
        now.atZoneSameInstant(zone)
            .toLocalDate()
            .atStartOfDay(zone)
            .toOffsetDateTime()
            .withOffsetSameInstant(ZoneOffset.UTC);
    // At midnight sharp "today" is empty: give the KPI API a window it accepts.
    OffsetDateTime end = now.isAfter(midnight) ? now : midnight.plusSeconds(1);
    Uni<Kpis> today = kpis.kpis(midnight.toString(), end.toString());
    Uni<Kpis> lastWeek = kpis.kpis(midnight.minusDays(7).toString(), end.minusDays(7).toString());
    Uni<RowSet<Row>> backlog = pool.preparedQuery(BACKLOG).execute(Tuple.of(now));
    Uni<RowSet<Row>> alerts = pool.preparedQuery(ALERTS).execute(Tuple.of(alertLimit));
    Uni<List<IncidentCard>> incidents = incidents();
    Uni<RowSet<Row>> risk = pool.preparedQuery(RISK).execute();
    Uni<RowSet<Row>> callbacks = pool.preparedQuery(CALLBACKS).execute();
    Uni<RowSet<Row>> thresholds = pool.preparedQuery(THRESHOLDS).execute();
    Uni<RowSet<Row>> promises = pool.preparedQuery(PROMISES).execute();
    Uni<RowSet<Row>> connections = pool.preparedQuery(CHANNEL_CONNECTIONS).execute();
    // Mutiny combines at most nine typed unis: the two days' KPIs go as one pair.
    Uni<Tuple2<Kpis, Kpis>> days = Uni.combine().all().unis(today, lastWeek).asTuple();
    return Uni.combine()
        .all()
        .unis(days, backlog, alerts, incidents, risk, callbacks, thresholds, promises, connections)
        .with(
            (d, b, a, i, r, c, th, p, ch) -> {
              long atRisk = 0;
              for (Row row : p) {
                atRisk = row.getLong("total");
              }
              List<AlertView> alertViews = new ArrayList<>();
              long total = 0;
              for (Row row : a) {
                alertViews.add(BoardFeed.alertView(row));
                total = row.getLong("total");
              }
              return new Board(
                  now,
                  zone.getId(),
                  d.getItem1(),
                  d.getItem2(),
                  map(
                      b,
                      row ->
                          new Backlog(
                              row.getString("department"),
                              row.getString("agent"),
                              row.getLong("open"),
                              row.getLong("overdue"))),
                  total,
                  alertViews,
                  i,
                  map(
                      r,
                      row ->
                          new RiskCase(
                              row.getUUID("complaint_id"),
                              row.getString("number"),
                              row.getString("department"),
                              split(row.getString("categories")),
                              split(row.getString("terms")),
                              split(row.getString("also_routed_to")),
                              row.getOffsetDateTime("flagged_at"),
                              row.getString("status"))),
                  map(
                      c,
                      row ->
                          new Callback(
                              row.getUUID("callback_id"),
                              row.getUUID("complaint_id"),
                              row.getString("number"),
                              split(row.getString("reasons")),
                              row.getString("department"),
                              row.getString("agent"),
                              row.getOffsetDateTime("due_at"),
                              !row.getOffsetDateTime("due_at").isAfter(now))),
                  map(
                      th,
                      row ->
                          new Threshold(
                              row.getString("kpi"),
                              row.getString("scope"),
                              row.getDouble("value"),
                              row.getDouble("threshold"),
                              row.getOffsetDateTime("crossed_at"))),
                  complaintUrl,
                  atRisk,
                  map(
                      p,
                      row ->
                          new PromiseAtRisk(
                              row.getUUID("complaint_id"),
                              row.getString("number"),
                              row.getString("priority"),
                              row.getString("department"),
                              row.getString("agent"),
                              row.getOffsetDateTime("expected_resolution_at"),
                              row.getOffsetDateTime("deadline_at"))),
                  map(
                      ch,
                      row ->
                          new ChannelConnection(
                              row.getUUID("endpoint_id"),
                              row.getString("name"),
                              row.getString("channel"),
                              row.getString("state"),
                              row.getInteger("pending"),
                              row.getInteger("dead"),
                              row.getString("last_error"),
                              row.getOffsetDateTime("since"))));
            });
  }

  private Uni<List<IncidentCard>> incidents() {
    return pool.preparedQuery(INCIDENTS)
        .execute()
        .chain(
            rows -> {
              if (rows.size() == 0) {
                return Uni.createFrom().item(List.<IncidentCard>of());
              }
              List<UUID> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getUUID("id")));
              Tuple byIds = Tuple.of(ids.toArray(new UUID[0]));
              return Uni.combine()
                  .all()
                  .unis(
                      pool.preparedQuery(MEMBERS).execute(byIds),
                      pool.preparedQuery(UPDATES).execute(byIds))
                  .with(
                      (members, updates) -> {
                        Map<UUID, List<ComplaintRef>> refs = new LinkedHashMap<>();
                        for (Row m : members) {
                          refs.computeIfAbsent(m.getUUID("incident_id"), k -> new ArrayList<>())
                              .add(
                                  new ComplaintRef(
                                      m.getUUID("complaint_id"),
                                      m.getString("number"),
                                      m.getString("status")));
                        }
                        Map<UUID, List<Update>> posted = new LinkedHashMap<>();
                        for (Row u : updates) {
                          posted
                              .computeIfAbsent(u.getUUID("incident_id"), k -> new ArrayList<>())
                              .add(
                                  new Update(
                                      u.getString("status"),
                                      u.getString("message"),
                                      u.getString("posted_by"),
                                      u.getOffsetDateTime("posted_at")));
                        }
                        List<IncidentCard> cards = new ArrayList<>();
                        for (Row r : rows) {
                          UUID id = r.getUUID("id");
                          cards.add(
                              new IncidentCard(
                                  id,
                                  r.getString("problem_type"),
                                  r.getString("title"),
                                  r.getString("status"),
                                  r.getOffsetDateTime("detected_at"),
                                  r.getInteger("peak_count"),
                                  r.getOffsetDateTime("subsided_at"),
                                  r.getLong("members"),
                                  refs.getOrDefault(id, List.of()),
                                  posted.getOrDefault(id, List.of())));
                        }
                        return cards;
                      });
            });
  }

  private static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> f) {
    List<T> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(f.apply(r));
    }
    return out;
  }

  private static List<String> split(String csv) {
    return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
  }
}
