package io.complaintsuite.platform.inbox;

/** A record that can never be processed: it goes to the dead-letter topic at once, no retries. */
public class PoisonEventException extends RuntimeException {
  public PoisonEventException(String reason) {
    super(reason, null, false, false);
  }
}
