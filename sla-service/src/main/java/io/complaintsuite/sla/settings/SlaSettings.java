package io.complaintsuite.sla.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Every operator setting of sla-service ({@code sla.*}); docs/operations.md lists them. Each
 * default is in one place: here, except the schedules' (interval, cron), which {@code @Scheduled}
 * reads as {@code ${key}} from application.properties, so they are set there and only there.
 */
@ConfigMapping(prefix = "sla")
public interface SlaSettings {
  /** Calendars loaded from {@code calendars/NAME.cal} on the classpath. */
  @WithDefault("24x7,cn-business")
  List<String> calendars();

  /** Share of the target at which the warning goes to the agent (breach is at 100 %). */
  @WithDefault("0.8")
  double warningShare();

  Escalation escalation();

  Checker checker();

  Threshold threshold();

  Spike spike();

  Report report();

  Kpi kpi();

  Board board();

  /** The ladder after the deadline: after each delay, still unmet, the next recipient. */
  interface Escalation {
    @WithDefault("PT30M,PT2H")
    List<Duration> delays();

    @WithDefault("director,director")
    List<String> recipients();
  }

  interface Checker {
    /** The fallback poll ({@code off}: no checker on this replica). */
    String interval();

    @WithDefault("100ms")
    Duration minPause();

    @WithDefault("500")
    int batchSize();
  }

  interface Threshold {
    /** How often thresholds are evaluated ({@code off}: not on this replica). */
    String interval();

    @WithDefault("PT24H")
    Duration window();

    @WithDefault("5")
    int minSamples();

    @WithDefault("10")
    int backlog();

    @WithDefault("0.8")
    double csat();

    @WithDefault("0.9")
    double responseInTime();
  }

  interface Spike {
    /** How often spikes are looked for ({@code off}: not on this replica). */
    String interval();

    @WithDefault("PT10M")
    Duration window();

    @WithDefault("P7D")
    Duration baseline();

    @WithDefault("10")
    int minCount();

    @WithDefault("3")
    double factor();

    /** 0: no absolute floor. */
    @WithDefault("8")
    int absoluteCount();

    @WithDefault("unclassified")
    List<String> ignoredTypes();
  }

  interface Report {
    /** When scheduled reports are generated, Asia/Shanghai ({@code off}: not on this replica). */
    String cron();

    @WithDefault("0.2")
    double concentrationShare();

    @WithDefault("3")
    long concentrationMin();
  }

  interface Kpi {
    /** The zone of the hour-of-day breakdown, of the reports' days and of the board's today. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /**
     * The target of "first classification right" (需求理解准确率, share of complaints whose problem type
     * was never corrected), 0..1: below it the KPI API flags it, the board and the reports show it
     * as below target.
     */
    @WithDefault("0.95")
    double firstClassificationRightTarget();
  }

  interface Board {
    @WithDefault("200")
    int alertLimit();

    @WithDefault("15s")
    Duration heartbeat();

    /** {@code {id}} is replaced by the complaint id. */
    @WithDefault("http://127.0.0.1:8081/api/v1/complaints/{id}")
    String complaintUrl();
  }
}
