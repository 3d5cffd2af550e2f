package io.complaintsuite.bench.suite;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag per consumer group and topic: the topic's end offsets minus the group's committed
 * offsets (Kafka Admin API), summed over partitions. Groups that commit nothing (the benchmark's
 * own reader) do not appear.
 */
final class ConsumerLag implements AutoCloseable {
  private final Admin admin;

  ConsumerLag(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "suite-bench-lag");
    this.admin = Admin.create(p);
  }

  /** "group topic" to lag in records, sorted; empty when Kafka did not answer in time. */
  Map<String, Long> sample() {
    Map<String, Long> lag = new TreeMap<>();
    try {
      Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
      for (GroupListing g :
          admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS)) {
        committed.put(
            g.groupId(),
            admin
                .listConsumerGroupOffsets(g.groupId())
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS));
      }
      Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
      committed
          .values()
          .forEach(m -> m.keySet().forEach(tp -> wanted.put(tp, OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(wanted).all().get(10, TimeUnit.SECONDS);
      committed.forEach(
          (group, offsets) ->
              offsets.forEach(
                  (tp, om) -> {
                    if (om != null && ends.containsKey(tp)) {
                      lag.merge(
                          group + " " + tp.topic(),
                          Math.max(0, ends.get(tp).offset() - om.offset()),
                          Long::sum);
                    }
                  }));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Map.of();
    }
    return lag;
  }

  @Override
  public void close() {
    admin.close();
  }
}
