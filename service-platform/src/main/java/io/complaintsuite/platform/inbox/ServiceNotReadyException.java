package io.complaintsuite.platform.inbox;

/**
 * Thrown by a handler when a part of its own service is not ready yet (an index still opening after
 * a restart): the record is fine and is retried until the service is ready, like during a database
 * outage, instead of being dead-lettered.
 */
public class ServiceNotReadyException extends IllegalStateException {
  public ServiceNotReadyException(String message) {
    super(message);
  }
}
