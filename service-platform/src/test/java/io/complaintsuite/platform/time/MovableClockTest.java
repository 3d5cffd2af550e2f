package io.complaintsuite.platform.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovableClockTest {
  private static final Instant SYSTEM_NOW = Instant.parse("2026-11-29T03:00:00Z");
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private final MovableClock clock = new MovableClock(Clock.fixed(SYSTEM_NOW, ZoneOffset.UTC));

  @Test
  void readsSystemTimeUntilMoved() {
    assertEquals(SYSTEM_NOW, clock.instant());
    assertEquals(Duration.ZERO, clock.offset());
  }

  @Test
  void setMakesItReadTheInstantAndAdvanceAddsToTheOffset() {
    clock.set(Instant.parse("2026-12-07T01:30:00Z"));
    assertEquals(Instant.parse("2026-12-07T01:30:00Z"), clock.instant());
    clock.advance(Duration.ofMinutes(49));
    assertEquals(Instant.parse("2026-12-07T02:19:00Z"), clock.instant());
    clock.setOffset(Duration.ofHours(-1));
    assertEquals(SYSTEM_NOW.minus(Duration.ofHours(1)), clock.instant());
  }

  @Test
  void anotherZoneMovesWithIt() {
    Clock shanghai = clock.withZone(SHANGHAI);
    assertSame(clock, clock.withZone(ZoneOffset.UTC));
    clock.set(Instant.parse("2026-12-07T17:00:00Z")); // 01:00 on the 8th in Shanghai
    assertEquals(LocalDate.of(2026, 12, 8), LocalDate.now(shanghai));
    assertEquals(clock.instant(), shanghai.instant());
  }

  @Test
  void theServicesGetTheSystemClockUnlessMovableIsOn() {
    assertEquals(Clock.systemUTC(), new Clocks(false).systemClock());
    assertEquals(false, new Clocks(false).movable().isPresent());
    Clocks movable = new Clocks(true);
    assertSame(movable.movable().orElseThrow(), movable.systemClock());
  }

  @Test
  void aProcessStartedIntoAMovedTestStartsOnTheMovedTime() {
    Clock started = new Clocks(true, java.time.Duration.ofDays(28)).systemClock();
    java.time.Instant now = java.time.Instant.now();
    assertEquals(28, java.time.Duration.between(now, started.instant().plusSeconds(1)).toDays());
    assertEquals(java.time.Duration.ofDays(28), ((MovableClock) started).offset());
  }

  @Test
  void refusedUnderTheProdProfile() {
    MovableClockRoute.refuseInProduction(List.of("local"));
    MovableClockRoute.refuseInProduction(List.of("test"));
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> MovableClockRoute.refuseInProduction(List.of("prod")));
    assertTrue(refused.getMessage().contains("platform.clock.movable"), refused.getMessage());
  }
}
