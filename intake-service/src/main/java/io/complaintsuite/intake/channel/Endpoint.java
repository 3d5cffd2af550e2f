package io.complaintsuite.intake.channel;

import io.vertx.mutiny.sqlclient.Row;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A channel connection as stored; the sealed secrets never leave {@link ChannelEndpoints}. */
public record Endpoint(
    UUID id,
    String name,
    EndpointChannel channel,
    URI url,
    Set<MessageKind> kinds,
    String locale,
    boolean quietHours,
    boolean enabled,
    String disabledReason,
    byte[] sealedCurrent,
    String currentFingerprint,
    OffsetDateTime currentSince,
    byte[] sealedPrevious,
    String previousFingerprint,
    OffsetDateTime previousUntil,
    boolean deleted,
    String health,
    int version,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  static final String COLUMNS =
      "id, name, channel, url, kinds, locale, quiet_hours, enabled, disabled_reason,"
          + " secret_current, secret_current_fingerprint, secret_current_since, secret_previous,"
          + " secret_previous_fingerprint, secret_previous_until, deleted_at, health, version,"
          + " created_at,"
          + " updated_at";

  static Endpoint from(Row r) {
    Set<MessageKind> kinds = EnumSet.noneOf(MessageKind.class);
    for (String k : r.getArrayOfStrings("kinds")) {
      MessageKind kind = MessageKind.fromJson(k);
      if (kind != null) {
        kinds.add(kind);
      }
    }
    return new Endpoint(
        r.getUUID("id"),
        r.getString("name"),
        EndpointChannel.fromJson(r.getString("channel")),
        URI.create(r.getString("url")),
        kinds,
        r.getString("locale"),
        r.getBoolean("quiet_hours"),
        r.getBoolean("enabled"),
        r.getString("disabled_reason"),
        r.getBuffer("secret_current").getBytes(),
        r.getString("secret_current_fingerprint"),
        r.getOffsetDateTime("secret_current_since"),
        r.getBuffer("secret_previous") == null ? null : r.getBuffer("secret_previous").getBytes(),
        r.getString("secret_previous_fingerprint"),
        r.getOffsetDateTime("secret_previous_until"),
        r.getOffsetDateTime("deleted_at") != null,
        r.getString("health"),
        r.getInteger("version"),
        r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("updated_at"));
  }

  /**
   * The sealed keys that sign a request at {@code now}: the current one, and the previous while
   * valid.
   */
  public List<byte[]> sealedKeysAt(OffsetDateTime now) {
    List<byte[]> keys = new ArrayList<>(2);
    keys.add(sealedCurrent);
    if (sealedPrevious != null && previousUntil != null && previousUntil.isAfter(now)) {
      keys.add(sealedPrevious);
    }
    return keys;
  }

  public boolean wants(MessageKind kind) {
    return enabled && !deleted && kinds.contains(kind);
  }

  /** What the API shows: everything but the secrets, of which only fingerprints. */
  public View view(OffsetDateTime now) {
    List<View.Secret> secrets = new ArrayList<>(2);
    secrets.add(new View.Secret(currentFingerprint, currentSince, null));
    if (previousFingerprint != null && previousUntil != null && previousUntil.isAfter(now)) {
      secrets.add(new View.Secret(previousFingerprint, null, previousUntil));
    }
    return new View(
        id,
        name,
        channel.json(),
        url.toString(),
        kinds.stream().map(MessageKind::json).toList(),
        locale,
        quietHours,
        enabled,
        disabledReason,
        health,
        secrets,
        version,
        createdAt,
        updatedAt);
  }

  public record View(
      UUID id,
      String name,
      String channel,
      String url,
      List<String> kinds,
      String locale,
      boolean quietHours,
      boolean enabled,
      String disabledReason,
      String health,
      List<Secret> secrets,
      int version,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {
    /** A signing secret by its fingerprint; {@code validUntil} set on the rotated-out one. */
    public record Secret(String fingerprint, OffsetDateTime since, OffsetDateTime validUntil) {}
  }
}
