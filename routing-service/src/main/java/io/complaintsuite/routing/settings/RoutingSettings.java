package io.complaintsuite.routing.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Every operator setting of routing-service ({@code routing.*}); docs/operations.md lists them.
 * Each default is in one place: here, except {@code routing.queue.interval} (read by
 * {@code @Scheduled} as {@code ${key}}) and {@code routing.consumers} (read by the messaging
 * configuration), which are set in application.properties and only there. This package depends on
 * no other package of routing, so every feature package may read it.
 */
@ConfigMapping(prefix = "routing")
public interface RoutingSettings {
  /** Where low-confidence complaints go, and the last resort of a transfer without a suggestion. */
  @WithDefault("service-desk")
  String triageDepartment();

  /** A customer's new complaint goes back to the agent of their recent one within this window. */
  @WithDefault("P30D")
  Duration stickyWindow();

  /** Concurrent consumers of {@code complaints} (at most its partition count). */
  int consumers();

  Classifier classifier();

  Rules rules();

  Queue queue();

  OffDuty offDuty();

  Shifts shifts();

  interface Classifier {
    /** Below this confidence, and without a deciding rule, a complaint goes to triage. */
    @WithDefault("0.30")
    double minConfidence();

    /**
     * The cascade: when the word model's confidence reaches this, the sentence embedding (~5 ms of
     * CPU) is skipped. Above 1 the meaning model is always asked.
     */
    @WithDefault("0.9")
    double cascadeConfidence();

    /**
     * A complaint is urgent when the probability the classifier gives to the urgent problem types
     * together reaches this, even if its most likely type is not urgent (urgent recall first).
     */
    @WithDefault("0.2")
    double urgentMass();

    /** How often a replica checks whether another replica activated a new model version. */
    @WithDefault("10s")
    java.time.Duration refreshInterval();

    /** Scheduled retraining (a Quarkus cron); off when "off". Runs only if labels changed. */
    @WithDefault("0 30 3 * * ?")
    String retrainCron();
  }

  interface Rules {
    /** A rule set is activated only if its accuracy on the labelled set is at least this. */
    @WithDefault("0.85")
    double minAccuracy();
  }

  interface Queue {
    /** How often the capacity checker applies shift boundaries and drains the queues. */
    String interval();

    /** At most this many queued complaints of a department are looked at per drain. */
    @WithDefault("200")
    int batchSize();
  }

  interface OffDuty {
    /**
     * {@code keep}: an agent going off duty keeps their open complaints; {@code hand-over}: they
     * are re-routed in the department. Parsed (and checked) by the capacity package.
     */
    @WithDefault("keep")
    String openWork();
  }

  interface Shifts {
    /** The centre's zone: shift schedules are local times here. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();
  }
}
